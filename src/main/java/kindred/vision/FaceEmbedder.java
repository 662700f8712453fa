package kindred.vision;

import java.util.List;
import org.bytedeco.opencv.opencv_core.Mat;

/**
 * Turns aligned faces into L2-normalised embeddings. Each model declares its input size and normalisation.
 * Not thread-safe (owns a native interpreter); loads its model in its constructor.
 */
interface FaceEmbedder extends AutoCloseable {

    /** Model id from models.lock, recorded with every embedding. */
    String modelId();

    /** Side in pixels of the square aligned face it takes. */
    int inputSize();

    /** How pixels are normalised, for the record (e.g. "(x − 127.5) / 128, RGB"). */
    String normalisation();

    /** One unit-length vector per aligned BGR face of {@link #inputSize()} pixels. */
    List<float[]> embed(List<Mat> alignedBgr);

    @Override
    void close();
}
