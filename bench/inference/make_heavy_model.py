# Writes a compute-heavy TorchScript model version for the benchmark: MLP 10-1024-1024-1024-3 (about 2.1 M
# weights, ~4.2 MFLOP per row), traced, with its model.json. Not committed: run.sh makes it when needed.
#   python3 make_heavy_model.py <repository>   ->  <repository>/heavy/1/{model.pt,model.json}
import json, os, sys
import torch

torch.manual_seed(0)
repo = sys.argv[1]
net = torch.nn.Sequential(
    torch.nn.Linear(10, 1024), torch.nn.ReLU(),
    torch.nn.Linear(1024, 1024), torch.nn.ReLU(),
    torch.nn.Linear(1024, 1024), torch.nn.ReLU(),
    torch.nn.Linear(1024, 3), torch.nn.Softmax(dim=1)).eval()
folder = os.path.join(repo, "heavy", "1")
os.makedirs(folder, exist_ok=True)
torch.jit.trace(net, torch.rand(4, 10)).save(os.path.join(folder, "model.pt"))
with open(os.path.join(folder, "model.json"), "w") as f:
    json.dump({
        "name": "heavy", "version": 1, "platform": "pytorch_torchscript",
        "description": "benchmark model: MLP 10-1024-1024-1024-3",
        "inputs": [{"name": "x", "datatype": "FP32", "shape": [-1, 10]}],
        "outputs": [{"name": "probabilities", "datatype": "FP32", "shape": [-1, 3]}],
        "max_batch_size": 32, "max_queue_delay_microseconds": 1000, "max_queue_size": 1024,
        "instance_count": 2}, f, indent=2)
print("wrote", folder)
