package dev.verdict.generate;

import dev.verdict.image.ImageLimits;
import dev.verdict.image.Images;
import dev.verdict.judge.ImageRef;
import dev.verdict.judge.JudgeException;
import dev.verdict.judge.JudgeOptions;
import dev.verdict.judge.PairExample;
import dev.verdict.judge.SamplingJudge;
import dev.verdict.tensor.Device;
import dev.verdict.tokenizer.ChatMessage;
import java.awt.image.BufferedImage;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * A judge backed by a local Qwen2.5-VL-family model: the pair is rendered with the R1-Reward prompt (images
 * first), and the K votes are sampled in one batch, vote i with seed {@code options.seed() + i}. Calls from
 * several threads at once are batched together by a {@link GenerationBatcher} (one generation thread owns the
 * model), so an evaluation that keeps N judgments in flight runs them as one batch.
 */
public final class LocalJudge extends SamplingJudge {
    private final ModelBundle bundle;
    private final boolean owned;
    private final boolean requireImages;
    private final GenerationBatcher batcher;

    /** Most generation requests batched together across concurrent calls. */
    public static final int MAX_BATCH = 64;

    /** A judge over an open bundle (not closed with the judge) that refuses pairs without images. */
    public LocalJudge(ModelBundle bundle) {
        this(bundle, false, true, new GenerationBatcher(bundle.generator(), MAX_BATCH));
    }

    private LocalJudge(ModelBundle bundle, boolean owned, boolean requireImages, GenerationBatcher batcher) {
        this.bundle = bundle;
        this.owned = owned;
        this.requireImages = requireImages;
        this.batcher = batcher;
    }

    /** Loads a model directory; closing the judge closes the model. */
    public static LocalJudge load(Path dir, Device device) {
        ModelBundle bundle = ModelBundle.load(dir, null, device);
        return new LocalJudge(bundle, true, true, new GenerationBatcher(bundle.generator(), MAX_BATCH));
    }

    /**
     * The same judge, accepting pairs without images (text-only judging, blind baselines). The returned judge
     * takes over closing the model when this one owned it; close only one of the two.
     */
    public LocalJudge allowingTextOnly() {
        return new LocalJudge(bundle, owned, false, batcher);
    }

    @Override
    public String name() {
        return "local:" + bundle.dir().getFileName();
    }

    @Override
    protected List<String> sample(PairExample presented, JudgeOptions options) {
        if (requireImages && presented.images().isEmpty()) {
            throw new JudgeException(name() + ": pair " + presented.id() + " has no image; this judge needs one "
                    + "(use allowingTextOnly() to judge text alone)");
        }
        List<BufferedImage> images = new ArrayList<>();
        for (ImageRef ref : presented.images()) {
            images.add(Images.decode(ref.bytes(), ref.describe(), ImageLimits.DEFAULT));
        }
        ChatMessage user = bundle.promptLayout().userMessage(presented);
        EncodedPrompt prompt = bundle.encoder().encode(List.of(user), images, true);
        List<GenerationRequest> requests = new ArrayList<>();
        for (int i = 0; i < options.votes(); i++) {
            SamplingParams p = new SamplingParams(
                    options.maxTokens(), options.temperature(), options.topP(), 0, options.seed() + i, List.of());
            requests.add(prompt.request(p));
        }
        try {
            return batcher.generate(requests).stream().map(Generation::text).toList();
        } catch (RuntimeException e) {
            throw new JudgeException(name() + " failed to generate: " + e.getMessage(), e);
        }
    }

    @Override
    public void close() {
        batcher.close();
        if (owned) {
            bundle.close();
        }
    }
}
