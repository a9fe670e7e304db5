package dev.verdict.serve;

import dev.verdict.generate.EncodedPrompt;
import dev.verdict.generate.Generation;
import dev.verdict.generate.GenerationRequest;
import dev.verdict.generate.Generator;
import dev.verdict.generate.ModelBundle;
import dev.verdict.generate.PromptEncoder;
import dev.verdict.judge.prompt.PromptLayout;
import dev.verdict.tensor.Scope;
import java.util.ArrayList;
import java.util.List;

/**
 * The engine over a loaded model directory: prompts are encoded (chat template, image processor) and generated
 * in one batched {@link Generator} call, inside one {@link Scope} per batch so the pixel tensors are freed with
 * it. Called only from the batcher's model thread.
 */
public final class ModelEngine implements Engine {
    private final ModelBundle bundle;
    private final String name;
    private final boolean owned;
    private final PromptEncoder encoder;
    private final Generator generator;
    private final int maxPositions;

    /**
     * @param owned whether {@link #close()} closes the bundle
     */
    public ModelEngine(ModelBundle bundle, String name, boolean owned) {
        this.bundle = bundle;
        this.name = name;
        this.owned = owned;
        this.encoder = bundle.encoder();
        this.generator = bundle.generator();
        this.maxPositions = bundle.model().config().text().maxPositionEmbeddings();
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public PromptLayout promptLayout() {
        return bundle.promptLayout();
    }

    @Override
    public List<Completion> complete(List<Prompt> prompts) {
        try (Scope s = Scope.open()) {
            List<GenerationRequest> requests = new ArrayList<>(prompts.size());
            for (Prompt p : prompts) {
                EncodedPrompt enc = encoder.encode(p.messages(), p.images(), true);
                if (enc.ids().length + p.params().maxNewTokens() > maxPositions) {
                    throw ApiException.badRequest(
                            "max_tokens",
                            "the prompt has " + enc.ids().length + " tokens; with "
                                    + p.params().maxNewTokens() + " new tokens it exceeds the model's " + maxPositions
                                    + " positions");
                }
                requests.add(enc.request(p.params()));
            }
            List<Generation> out = generator.generate(requests);
            List<Completion> result = new ArrayList<>(out.size());
            for (int i = 0; i < out.size(); i++) {
                Generation g = out.get(i);
                result.add(new Completion(g.text(), requests.get(i).prompt().length, g.tokens().length, g.finish()));
            }
            return result;
        }
    }

    @Override
    public void close() {
        if (owned) {
            bundle.close();
        }
    }
}
