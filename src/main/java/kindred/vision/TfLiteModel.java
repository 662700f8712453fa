package kindred.vision;

import java.nio.file.Path;
import org.bytedeco.tensorflowlite.BuiltinOpResolver;
import org.bytedeco.tensorflowlite.FlatBufferModel;
import org.bytedeco.tensorflowlite.Interpreter;
import org.bytedeco.tensorflowlite.InterpreterBuilder;
import org.bytedeco.tensorflowlite.TfLiteIntArray;
import org.bytedeco.tensorflowlite.TfLiteTensor;
import static org.bytedeco.tensorflowlite.global.tensorflowlite.kTfLiteOk;

/**
 * One TensorFlow Lite interpreter with everything it points into. The model, the op resolver and the builder
 * are fields on purpose: the native interpreter keeps raw pointers to them, and if the garbage collector
 * frees them the JVM dies with SIGSEGV after a few hundred calls. Not thread-safe.
 */
final class TfLiteModel implements AutoCloseable {

    static {
        NativeLibraries.load(); // first, before any JavaCPP class is touched: see NativeLibraries
        NativeLogging.tensorFlowLite();
    }

    /** Threads per interpreter: the worker pool runs one analyzer per core. */
    static final int THREADS = 1;

    private final FlatBufferModel model;
    private final BuiltinOpResolver resolver;
    private final InterpreterBuilder builder;
    private final Interpreter interpreter;

    TfLiteModel(Path file) {
        model = FlatBufferModel.BuildFromFile(file.toString());
        if (model == null || model.isNull()) {
            throw new IllegalStateException("TensorFlow Lite could not load " + file);
        }
        resolver = new BuiltinOpResolver();
        builder = new InterpreterBuilder(model, resolver);
        builder.SetNumThreads(THREADS);
        interpreter = new Interpreter((org.bytedeco.javacpp.Pointer) null);
        if (builder.apply(interpreter) != kTfLiteOk || interpreter.isNull()) {
            throw new IllegalStateException("TensorFlow Lite could not build an interpreter for " + file);
        }
        interpreter.SetNumThreads(THREADS);
        if (interpreter.AllocateTensors() != kTfLiteOk) {
            throw new IllegalStateException("TensorFlow Lite could not allocate tensors for " + file);
        }
    }

    Interpreter interpreter() {
        return interpreter;
    }

    void invoke() {
        if (interpreter.Invoke() != kTfLiteOk) {
            throw new IllegalStateException("TensorFlow Lite inference failed");
        }
    }

    int outputCount() {
        return (int) interpreter.outputs().limit();
    }

    /** Dimensions of output {@code i}. */
    int[] outputDims(int i) {
        return dims(interpreter.output_tensor(i));
    }

    int[] inputDims(int i) {
        return dims(interpreter.input_tensor(i));
    }

    private static int[] dims(TfLiteTensor t) {
        TfLiteIntArray d = t.dims();
        int[] out = new int[d.size()];
        for (int k = 0; k < out.length; k++) {
            out[k] = d.data(k);
        }
        return out;
    }

    @Override
    public void close() {
        interpreter.close();
        builder.close();
        resolver.close();
        model.close();
    }
}
