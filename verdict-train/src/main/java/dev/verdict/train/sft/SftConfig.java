package dev.verdict.train.sft;

import dev.verdict.data.synth.Judgments;
import dev.verdict.train.config.Check;
import dev.verdict.train.config.DataConfig;
import dev.verdict.train.config.Doc;
import dev.verdict.train.config.OptimConfig;
import dev.verdict.train.config.PromptConfig;
import dev.verdict.train.config.RunConfig;
import dev.verdict.train.optim.Precision;
import dev.verdict.train.optim.Trainable;
import java.util.Set;

/**
 * {@code verdict train sft}: supervised fine-tuning on teacher judgments (the cold start). Every field is
 * documented in place; {@code verdict train sft --print-config} prints the defaults as commented YAML.
 *
 * @param model base model directory
 * @param data training pairs
 * @param prompt the judge prompt's layout (image position and text), by default the base model's
 * @param train loop settings
 * @param optim optimizer
 * @param run run folder and bookkeeping
 */
public record SftConfig(
        @Doc("base model: a Hugging Face Qwen2.5-VL directory (config.json, safetensors, tokenizer.json)")
        String model,

        @Doc("training pairs; each needs a teacher judgment in meta.judgment (what verdict distill writes)")
        DataConfig data,

        @Doc("the judge prompt's layout, written into every checkpoint's judge_prompt.json, which RL, eval, curate and"
                + " serve then follow")
        PromptConfig prompt,

        @Doc("training loop") Train train,
        @Doc("optimizer") OptimConfig optim,
        @Doc("run folder and bookkeeping") RunConfig run) {

    /** Keys that do not change the computation, left out of the resume check's hash. */
    public static final Set<String> UNHASHED =
            Set.of("run.out", "run.save_every", "run.log_every", "run.max_skips", "run.threads", "run.device");

    /**
     * @param steps optimizer steps (0 = epochs x batches per epoch)
     * @param epochs passes over the data when steps is 0
     * @param batchSize pairs per optimizer step across ranks
     * @param gradAccum micro-batches per step
     * @param maxTokens longest sequence allowed
     * @param dtype parameter dtype
     * @param blindFocus a regular expression over judgments; the text of its groups is trained again, images
     *     withheld ("" = off)
     * @param blindFocusWeight weight of that loss beside the main one (each a per-token mean)
     * @param imageFocus a regular expression over judgments; the text of its groups carries a second loss, images kept
     * @param imageFocusWeight weight of that loss
     * @param freeze a regular expression over parameter names; the ones it matches in full keep their values
     */
    public record Train(
            @Doc("optimizer steps (0 = epochs x full batches per epoch)")
            int steps,

            @Doc("passes over the data, used when steps is 0")
            int epochs,

            @Doc("examples per optimizer step (pairs, or pretraining conversations), summed over all ranks")
            int batchSize,

            @Doc("micro-batches per optimizer step (gradient accumulation); must divide the per-rank batch")
            int gradAccum,

            @Doc("longest prompt + judgment in tokens; a longer pair is an error naming it")
            int maxTokens,

            @Doc("precision: f32; bf16 (mixed: bf16 weights and activations, fp32 master weights and AdamW moments,"
                    + " gradients reduced in fp32); bf16-pure (everything in bf16: small updates round away)")
            String dtype,

            @Doc("a regular expression over each judgment; the text of every match's groups is trained a second time in"
                    + " the same step with the images withheld and the loss on those tokens only, so that what a"
                    + " judgment quotes from a response, and what its reasoning looks up, are learned from the text"
                    + " (with the image a small judge answers from the image instead; BENCHMARKS.md items 16-17). For"
                    + " the world's look-up wording (the quotes and the looked-up number):"
                    + " 'Response [12]: (\\S+) [12]\\.|So \\S+ ([12])\\.' (\"\" = off)")
            String blindFocus,

            @Doc("weight of the blind focus loss (a mean over the focused tokens) beside the judgment loss")
            double blindFocusWeight,

            @Doc("a regular expression over each judgment; the text of every match's groups carries a second loss, a"
                    + " per-token mean over those tokens taken from the judgment's own forward pass (images kept), so"
                    + " that the few tokens"
                    + " that decide a judgment (the fact read from the image, the looked-up number, the answer) weigh as"
                    + " much as the whole judgment, whose per-token mean otherwise spreads them over ~30 template"
                    + " tokens. For the world's look-up wording: '"
                    + Judgments.LOOKUP_IMAGE_FOCUS
                    + "' (\"\" = off)")
            String imageFocus,

            @Doc("weight of the image focus loss (a mean over the focused tokens) beside the judgment loss")
            double imageFocusWeight,

            @Doc("a regular expression over parameter names; the parameters it matches in full keep the base model's"
                    + " values, e.g. 'visual\\..*' for the vision tower and merger (a tiny judge trained with its"
                    + " vision tower loses the shapes its pretrained tower tells apart: BENCHMARKS.md item 22)"
                    + " (\"\" = train all)")
            String freeze) {
        public Train {
            Check.require(steps >= 0, "train.steps must be >= 0, got " + steps);
            Check.require(epochs >= 1, "train.epochs must be >= 1, got " + epochs);
            Check.require(batchSize >= 1, "train.batch_size must be >= 1, got " + batchSize);
            Check.require(gradAccum >= 1, "train.grad_accum must be >= 1, got " + gradAccum);
            Check.require(maxTokens >= 8, "train.max_tokens must be >= 8, got " + maxTokens);
            Check.require(Precision.isKey(dtype), "train.dtype must be f32, bf16 or bf16-pure, got " + dtype);
            Check.require(blindFocus != null, "train.blind_focus must be set (\"\" = off)");
            Check.require(blindFocusWeight >= 0, "train.blind_focus_weight must be >= 0, got " + blindFocusWeight);
            if (!blindFocus.isEmpty()) {
                BlindFocus.compile(blindFocus);
            }
            Check.require(imageFocus != null, "train.image_focus must be set (\"\" = off)");
            Check.require(imageFocusWeight >= 0, "train.image_focus_weight must be >= 0, got " + imageFocusWeight);
            if (!imageFocus.isEmpty()) {
                BlindFocus.compile(imageFocus);
            }
            Trainable.check(freeze);
        }
    }

    public SftConfig {
        Check.require(model != null, "model must be set");
        Check.require(prompt != null, "prompt must be set");
    }

    /** The defaults every recipe starts from. */
    public static SftConfig defaults() {
        return new SftConfig(
                "",
                DataConfig.of(""),
                PromptConfig.FROM_MODEL,
                new Train(0, 1, 32, 1, 2048, "f32", "", 1.0, "", 1.0, ""),
                OptimConfig.defaults(1e-3),
                RunConfig.defaults("runs/sft"));
    }
}
