package io.framefleet.inference;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.translate.Batchifier;
import ai.djl.translate.Translator;
import ai.djl.translate.TranslatorContext;

import java.nio.FloatBuffer;

/**
 * One image (tile) to the model's 3 x H x W input and its 3 x sH x sW output back; the stack batchifier makes the
 * N dimension, so a batch is tiles of one size. Nothing of the engine leaves this class.
 */
final class PlanarTranslator implements Translator<PlanarImage, PlanarImage> {

    private final int scale;

    PlanarTranslator(int scale) {
        this.scale = scale;
    }

    @Override
    public NDList processInput(TranslatorContext ctx, PlanarImage input) {
        NDArray array = ctx.getNDManager().create(FloatBuffer.wrap(input.data()),
                new Shape(3, input.height(), input.width()), DataType.FLOAT32);
        return new NDList(array);
    }

    @Override
    public PlanarImage processOutput(TranslatorContext ctx, NDList list) {
        NDArray out = list.singletonOrThrow();
        Shape shape = out.getShape();
        if (shape.dimension() != 3 || shape.get(0) != 3) {
            throw new InferenceException("the model returned a tensor of shape " + shape + ", expected 3 x H x W");
        }
        int h = (int) shape.get(1);
        int w = (int) shape.get(2);
        if (out.getDataType() != DataType.FLOAT32) {
            out = out.toType(DataType.FLOAT32, false);
        }
        PlanarImage image = new PlanarImage(out.toFloatArray(), w, h);
        if (w % scale != 0 || h % scale != 0) {
            throw new InferenceException("the model returned " + w + "x" + h + ", not a multiple of its scale " + scale);
        }
        return image;
    }

    @Override
    public Batchifier getBatchifier() {
        return Batchifier.STACK;
    }
}
