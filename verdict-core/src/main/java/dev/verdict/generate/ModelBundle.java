package dev.verdict.generate;

import dev.verdict.image.ImageProcessor;
import dev.verdict.image.ImageProcessorConfig;
import dev.verdict.judge.prompt.PromptLayout;
import dev.verdict.model.ModelFiles;
import dev.verdict.model.QwenVL;
import dev.verdict.tensor.DType;
import dev.verdict.tensor.Device;
import dev.verdict.tokenizer.Tokenizer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.UnaryOperator;

/**
 * A loaded model directory: weights, tokenizer and image processor, with the generator, scorer and prompt
 * encoder built on them. Checks that the tokenizer's special ids agree with the model config.
 */
public final class ModelBundle implements AutoCloseable {
    private final Path dir;
    private final QwenVL model;
    private final Tokenizer tokenizer;
    private final ImageProcessor processor;
    private PromptLayout layout; // read from dir on first use

    public ModelBundle(Path dir, QwenVL model, Tokenizer tokenizer, ImageProcessor processor) {
        this.dir = dir;
        this.model = model;
        this.tokenizer = tokenizer;
        this.processor = processor;
        if (tokenizer.specials().imagePad() != model.config().imageTokenId()
                || tokenizer.specials().visionStart() != model.config().visionStartTokenId()) {
            throw new IllegalArgumentException(dir + ": the tokenizer's <|image_pad|>/<|vision_start|> ids ("
                    + tokenizer.specials().imagePad() + "/"
                    + tokenizer.specials().visionStart() + ") differ from config.json ("
                    + model.config().imageTokenId() + "/" + model.config().visionStartTokenId() + ")");
        }
    }

    /** Loads {@code dir} in its own dtype on the CPU. */
    public static ModelBundle load(Path dir) {
        return load(dir, null, Device.CPU);
    }

    public static ModelBundle load(Path dir, DType dtype, Device device) {
        return load(dir, dtype, device, UnaryOperator.identity());
    }

    /**
     * Loads {@code dir}, its image processor config ({@code preprocessor_config.json}) changed by {@code images}
     * (a trainer's own pixel bounds, say).
     */
    public static ModelBundle load(Path dir, DType dtype, Device device, UnaryOperator<ImageProcessorConfig> images) {
        Path pre = dir.resolve("preprocessor_config.json");
        ImageProcessorConfig pc =
                images.apply(Files.isRegularFile(pre) ? ImageProcessorConfig.read(pre) : ImageProcessorConfig.DEFAULT);
        Tokenizer tok = Tokenizer.load(dir);
        try {
            return new ModelBundle(dir, ModelFiles.load(dir, dtype, device), tok, new ImageProcessor(pc));
        } catch (RuntimeException e) {
            tok.close();
            throw e;
        }
    }

    public Path dir() {
        return dir;
    }

    public QwenVL model() {
        return model;
    }

    public Tokenizer tokenizer() {
        return tokenizer;
    }

    public ImageProcessor processor() {
        return processor;
    }

    /** How this model expects its judge prompt laid out ({@link PromptLayout#FILE} in its directory). */
    public synchronized PromptLayout promptLayout() {
        if (layout == null) {
            layout = PromptLayout.read(dir);
        }
        return layout;
    }

    public PromptEncoder encoder() {
        return new PromptEncoder(tokenizer, processor);
    }

    public Generator generator() {
        return new Generator(model, tokenizer);
    }

    public Scorer scorer() {
        return new Scorer(model);
    }

    @Override
    public void close() {
        model.close();
        tokenizer.close();
    }
}
