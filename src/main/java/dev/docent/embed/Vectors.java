package dev.docent.embed;

/** Arithmetic on embedding vectors. The model's vectors have unit length, so their dot product is their cosine. */
public final class Vectors {

    private Vectors() {
    }

    public static double dot(float[] a, float[] b) {
        double sum = 0;
        for (int i = 0; i < a.length; i++) {
            sum += a[i] * b[i];
        }
        return sum;
    }

    /** The vector scaled to unit length (a centroid of unit vectors is shorter than one). */
    public static float[] normalized(float[] vector) {
        double norm = Math.sqrt(dot(vector, vector));
        float[] unit = new float[vector.length];
        for (int i = 0; i < vector.length && norm > 0; i++) {
            unit[i] = (float) (vector[i] / norm);
        }
        return unit;
    }
}
