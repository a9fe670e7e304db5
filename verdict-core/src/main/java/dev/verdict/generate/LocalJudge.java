package dev.verdict.generate;

import dev.verdict.image.Images;
import dev.verdict.judge.ImageRef;
import dev.verdict.judge.JudgeException;
import dev.verdict.judge.JudgeOptions;
import dev.verdict.judge.PairExample;
import dev.verdict.judge.R1RewardPrompt;
import dev.verdict.judge.SamplingJudge;
import dev.verdict.tensor.Device;
import dev.verdict.tokenizer.ChatMessage;
import java.awt.image.BufferedImage;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * A judge backed by a local Qwen2.5-VL-family model: the pair is rendered with the R1-Reward prompt (images
 * first), and the K votes are sampled in one batch, vote i with seed {@code options.seed() + i}.
 */
public final class LocalJudge extends SamplingJudge {
    private final ModelBundle bundle;
    private final boolean owned;
    private final boolean requireImages;

    /** A judge over an open bundle (not closed with the judge) that refuses pairs without images. */
    public LocalJudge(ModelBundle bundle) {
        this(bundle, false, true);
    }

    private LocalJudge(ModelBundle bundle, boolean owned, boolean requireImages) {
        this.bundle = bundle;
        this.owned = owned;
        this.requireImages = requireImages;
    }

    /** Loads a model directory; closing the judge closes the model. */
    public static LocalJudge load(Path dir, Device device) {
        return new LocalJudge(ModelBundle.load(dir, null, device), true, true);
    }

    /**
     * The same judge, accepting pairs without images (text-only judging, blind baselines). The returned judge
     * takes over closing the model when this one owned it; close only one of the two.
     */
    public LocalJudge allowingTextOnly() {
        return new LocalJudge(bundle, owned, false);
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
            images.add(Images.decode(ref.bytes(), ref.describe(), dev.verdict.image.ImageLimits.DEFAULT));
        }
        ChatMessage user = ChatMessage.userWithImages(images.size(), R1RewardPrompt.render(presented));
        EncodedPrompt prompt = bundle.encoder().encode(List.of(user), images, true);
        List<GenerationRequest> requests = new ArrayList<>();
        for (int i = 0; i < options.votes(); i++) {
            SamplingParams p = new SamplingParams(
                    options.maxTokens(), options.temperature(), options.topP(), 0, options.seed() + i, List.of());
            requests.add(prompt.request(p));
        }
        try {
            return bundle.generator().generate(requests).stream()
                    .map(Generation::text)
                    .toList();
        } catch (RuntimeException e) {
            throw new JudgeException(name() + " failed to generate: " + e.getMessage(), e);
        }
    }

    @Override
    public void close() {
        if (owned) {
            bundle.close();
        }
    }
}
