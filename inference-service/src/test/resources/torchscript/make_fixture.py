# Makes the TorchScript test fixtures and records what PyTorch computes for them.
# Run with Debian's python3-torch unpacked into a folder (see docs/inference.md, "TorchScript fixtures"):
#   PYTHONPATH=<root>/usr/lib/python3/dist-packages LD_LIBRARY_PATH=<ld paths> python3 make_fixture.py
# Writes mlp/1/{model.pt,model.json}, typed/1/{model.pt,model.json} and expected.json next to this script.
import json, os
import torch

here = os.path.dirname(os.path.abspath(__file__))
torch.manual_seed(0)


class Mlp(torch.nn.Module):
    def __init__(self):
        super().__init__()
        self.net = torch.nn.Sequential(torch.nn.Linear(10, 32), torch.nn.ReLU(), torch.nn.Linear(32, 3))

    def forward(self, x):
        return torch.softmax(self.net(x), dim=1)


class Typed(torch.nn.Module):
    """Four inputs of four datatypes, to prove FP64, INT64, BOOL and INT32 travel through the protocol."""

    def forward(self, a: torch.Tensor, b: torch.Tensor, c: torch.Tensor, d: torch.Tensor):
        return a.sum(1, keepdim=True) + b.double().sum(1, keepdim=True) * 10.0 \
            + c.double().sum(1, keepdim=True) * 100.0 + d.double().sum(1, keepdim=True) * 1000.0


def write(folder, module, config):
    os.makedirs(os.path.join(here, folder, "1"), exist_ok=True)
    module.save(os.path.join(here, folder, "1", "model.pt"))
    with open(os.path.join(here, folder, "1", "model.json"), "w") as f:
        json.dump(config, f, indent=2)
        f.write("\n")


mlp = Mlp().eval()
x = torch.arange(20, dtype=torch.float32).reshape(2, 10) / 10.0
write("mlp", torch.jit.trace(mlp, x), {
    "name": "mlp", "version": 1, "platform": "pytorch_torchscript",
    "description": "10-32-3 softmax MLP traced with torch.jit.trace (test fixture)",
    "inputs": [{"name": "x", "datatype": "FP32", "shape": [-1, 10]}],
    "outputs": [{"name": "probabilities", "datatype": "FP32", "shape": [-1, 3]}],
    "labels": ["a", "b", "c"], "max_batch_size": 32, "max_queue_delay_microseconds": 500, "max_queue_size": 256})

a = torch.tensor([[0.5, 0.25], [1.5, -2.0]], dtype=torch.float64)
b = torch.tensor([[1, 2], [3, 4]], dtype=torch.int64)
c = torch.tensor([[True, False], [True, True]])
d = torch.tensor([[5, 6], [7, 8]], dtype=torch.int32)
typed = torch.jit.script(Typed())
write("typed", typed, {
    "name": "typed", "version": 1, "platform": "pytorch_torchscript",
    "description": "scripted module summing FP64, INT64, BOOL and INT32 inputs (test fixture)",
    "inputs": [{"name": "a", "datatype": "FP64", "shape": [-1, 2]}, {"name": "b", "datatype": "INT64", "shape": [-1, 2]},
               {"name": "c", "datatype": "BOOL", "shape": [-1, 2]}, {"name": "d", "datatype": "INT32", "shape": [-1, 2]}],
    "outputs": [{"name": "y", "datatype": "FP64", "shape": [-1, 1]}],
    "max_batch_size": 8, "max_queue_delay_microseconds": 100, "max_queue_size": 64})

expected = {
    "torch_version": torch.__version__,
    "mlp": {"x": x.tolist(), "probabilities": mlp(x).tolist()},
    "typed": {"a": a.tolist(), "b": b.tolist(), "c": c.tolist(), "d": d.tolist(), "y": typed(a, b, c, d).tolist()},
}
with open(os.path.join(here, "expected.json"), "w") as f:
    json.dump(expected, f, indent=2)
    f.write("\n")
print(json.dumps(expected))
