package kindred.model;

import java.util.Arrays;

/**
 * A face embedding: an L2-normalised vector produced by the model {@code modelId}.
 * Embeddings of different models are never compared.
 */
public record Embedding(String modelId, float[] vector) {

    /** Cosine similarity; both vectors are unit length, so this is the dot product. */
    public double cosine(Embedding o) {
        if (!modelId.equals(o.modelId) || vector.length != o.vector.length) {
            throw new IllegalArgumentException("embeddings of different models: " + modelId + " vs " + o.modelId);
        }
        double s = 0;
        for (int i = 0; i < vector.length; i++) {
            s += vector[i] * o.vector[i];
        }
        return s;
    }

    /** Returns a unit-length copy of {@code v} (or {@code v} unchanged when it is all zeros). */
    public static float[] normalized(float[] v) {
        double n = 0;
        for (float f : v) {
            n += f * f;
        }
        n = Math.sqrt(n);
        float[] out = v.clone();
        if (n > 0) {
            for (int i = 0; i < out.length; i++) {
                out[i] = (float) (out[i] / n);
            }
        }
        return out;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Embedding e && e.modelId.equals(modelId) && Arrays.equals(e.vector, vector);
    }

    @Override
    public int hashCode() {
        return modelId.hashCode() * 31 + Arrays.hashCode(vector);
    }

    @Override
    public String toString() {
        return "Embedding[" + modelId + ", " + vector.length + " dims]";
    }
}
