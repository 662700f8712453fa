package kindred.vision;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import kindred.model.Embedding;
import org.bytedeco.javacpp.BytePointer;
import org.bytedeco.javacpp.FloatPointer;
import org.bytedeco.opencv.opencv_core.Mat;

/**
 * MobileFaceNet (TensorFlow Lite): 112×112 RGB, {@code (x − 127.5) / 128}, NHWC, a fixed batch of two, 192
 * outputs. The graph always runs two images, so the second slot holds the mirror image of the face and the two
 * vectors are added (flip averaging: LFW 98.60 → 98.83 %, measured in the team's shared/docs/models.md and again in docs/decisions/0004-suggestions.md, at no extra cost). Not thread-safe.
 */
final class MobileFaceNetEmbedder implements FaceEmbedder {

    static {
        NativeLibraries.load(); // first, before any JavaCPP class is touched: see NativeLibraries
    }

    private static final int SIZE = 112;
    private static final int DIMS = 192;
    private static final int PLANE = SIZE * SIZE * 3;

    private final String modelId;
    private final TfLiteModel tflite;
    private final byte[] pixels = new byte[PLANE];
    private final float[] input = new float[2 * PLANE];
    private final float[] output = new float[2 * DIMS];

    MobileFaceNetEmbedder(String modelId, Path tfliteFile) {
        this.modelId = modelId;
        this.tflite = new TfLiteModel(tfliteFile);
        int[] in = tflite.inputDims(0);
        if (in.length != 4 || in[0] != 2 || in[1] != SIZE || in[2] != SIZE || in[3] != 3) {
            tflite.close();
            throw new IllegalStateException(tfliteFile + " does not take 2×112×112×3 input as MobileFaceNet does");
        }
    }

    @Override
    public String modelId() {
        return modelId;
    }

    @Override
    public int inputSize() {
        return SIZE;
    }

    @Override
    public String normalisation() {
        return "RGB, (x - 127.5) / 128, face and its mirror image in one batch of 2";
    }

    @Override
    public List<float[]> embed(List<Mat> alignedBgr) {
        List<float[]> out = new ArrayList<>(alignedBgr.size());
        for (Mat face : alignedBgr) {
            if (face.cols() != SIZE || face.rows() != SIZE || face.channels() != 3 || !face.isContinuous()) {
                throw new IllegalArgumentException("MobileFaceNet takes continuous 112×112 BGR faces");
            }
            BytePointer data = face.data();
            data.get(pixels, 0, PLANE);
            for (int y = 0; y < SIZE; y++) {
                for (int x = 0; x < SIZE; x++) {
                    int s = (y * SIZE + x) * 3;
                    int m = PLANE + (y * SIZE + (SIZE - 1 - x)) * 3;
                    float r = ((pixels[s + 2] & 0xff) - 127.5f) / 128f;
                    float g = ((pixels[s + 1] & 0xff) - 127.5f) / 128f;
                    float b = ((pixels[s] & 0xff) - 127.5f) / 128f;
                    input[s] = r;
                    input[s + 1] = g;
                    input[s + 2] = b;
                    input[m] = r;
                    input[m + 1] = g;
                    input[m + 2] = b;
                }
            }
            FloatPointer in = tflite.interpreter().typed_input_tensor_float(0);
            in.put(input, 0, input.length);
            tflite.invoke();
            tflite.interpreter().typed_output_tensor_float(0).get(output, 0, output.length);
            float[] a = Embedding.normalized(java.util.Arrays.copyOfRange(output, 0, DIMS));
            float[] b = Embedding.normalized(java.util.Arrays.copyOfRange(output, DIMS, 2 * DIMS));
            float[] sum = new float[DIMS];
            for (int i = 0; i < DIMS; i++) {
                sum[i] = a[i] + b[i];
            }
            out.add(Embedding.normalized(sum));
        }
        return out;
    }

    @Override
    public void close() {
        tflite.close();
    }
}
