package io.edgeai.hub.model;

import io.edgeai.contracts.hub.ModelWeights;
import java.util.ArrayList;
import java.util.List;

/**
 * Federated averaging (FedAvg): each parameter of the result is the mean of the members' parameters weighted by
 * their training rows. Only weights of the same layout (names and shapes) can be averaged.
 */
final class FederatedAverage {

    private FederatedAverage() {
    }

    static ModelWeights of(List<ModelWeights> members, List<Long> rows) {
        if (members.isEmpty() || members.size() != rows.size()) {
            throw new IllegalArgumentException("one row count per member is needed");
        }
        double total = rows.stream().mapToLong(Long::longValue).sum();
        if (total <= 0) {
            throw new IllegalArgumentException("the members have no training rows");
        }
        ModelWeights first = members.get(0);
        List<ModelWeights.Tensor> out = new ArrayList<>();
        for (int t = 0; t < first.tensors().size(); t++) {
            ModelWeights.Tensor shape = first.tensors().get(t);
            double[] sum = new double[shape.values().length];
            for (int m = 0; m < members.size(); m++) {
                ModelWeights member = members.get(m);
                if (!member.sameLayout(first)) {
                    throw new IllegalArgumentException("member " + m + " has another layout than member 0");
                }
                double w = rows.get(m) / total;
                float[] v = member.tensors().get(t).values();
                for (int i = 0; i < v.length; i++) {
                    sum[i] += w * v[i];
                }
            }
            float[] values = new float[sum.length];
            for (int i = 0; i < sum.length; i++) {
                values[i] = (float) sum[i];
            }
            out.add(new ModelWeights.Tensor(shape.name(), shape.shape(), values));
        }
        return new ModelWeights(out);
    }
}
