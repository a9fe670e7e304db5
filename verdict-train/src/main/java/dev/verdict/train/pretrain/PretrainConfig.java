package dev.verdict.train.pretrain;

import dev.verdict.judge.prompt.PromptTemplate;
import dev.verdict.tokenizer.ImagePosition;
import dev.verdict.train.config.Check;
import dev.verdict.train.config.DataConfig;
import dev.verdict.train.config.Doc;
import dev.verdict.train.config.OptimConfig;
import dev.verdict.train.config.PromptConfig;
import dev.verdict.train.config.RunConfig;
import dev.verdict.train.sft.SftConfig;
import java.util.List;

/**
 * {@code verdict train pretrain}: the base-model stage of the synthetic world (the stand-in for the
 * instruction-tuned Qwen2.5-VL that R1-Reward starts from): captions and short answers about each image, plus a
 * dense per-cell classification loss on the image tokens.
 *
 * @param model the model to start from (usually a fresh {@code verdict model init})
 * @param data the pretraining file
 * @param train loop settings
 * @param cellLoss weight of the dense cell loss
 * @param featureRms the RMS each image feature is held to while the cell loss trains (0 = unbounded)
 * @param cellTargets what the cell loss compares each image token with: a trained linear probe, or the token
 *     embeddings of its class's words
 * @param tokenRows which token embedding rows pretraining may change: all, seen or none
 * @param decoder whether the text decoder trains (trained) or only the vision tower and merger do (frozen)
 * @param gridTurn whether each conversation also asks for the image cell by cell
 * @param captions whether each conversation asks for the image's caption
 * @param turns fixed (caption first, questions in file order), shuffled (an order per image) or single (each
 *     question an item of its own)
 * @param imagePosition where the image sits in the user turn: before-text or after-text
 * @param questionContext text put between the image and each training question: none, r1-prompt or r1-input
 * @param heldOut the images kept out of training to measure the base on
 * @param judgments teacher judgments mixed in
 * @param optim optimizer
 * @param run run folder and bookkeeping
 */
public record PretrainConfig(
        @Doc("model to start from: a Hugging Face Qwen2.5-VL directory (usually a fresh verdict model init)")
        String model,

        @Doc("pretraining data: the pretrain.jsonl of verdict synth (images, captions, question-answer pairs, cells)")
        String data,

        @Doc("training loop (one item = one image with one question, or its caption)")
        SftConfig.Train train,

        @Doc("weight of the dense per-cell classification loss beside the answer-token loss (0 = off)")
        double cellLoss,

        @Doc("the RMS each merged image feature is held to, by a penalty (ln rms - ln target)^2 per image token beside"
                + " the cell loss (0 = none). The probe reads normalised features, so without it their scale grows"
                + " without bound (norms of thousands against 0.3 for a token embedding)")
        double featureRms,

        @Doc("what the cell loss compares each merged image token with: probe (a linear classifier trained beside it)"
                + " or words (the decoder's own embeddings of the class's words, \" red\" + \" circle\", \" -\" for an"
                + " empty cell, fixed: the image token is pulled toward the direction of the words that name it, so the"
                + " decoder can find and copy what an image shows as it finds and copies words)")
        String cellTargets,

        @Doc("token embedding rows pretraining may change: none (the decoder and vision tower learn, the logit scale"
                + " stays that of a fresh model), seen (only tokens in the data) or all. With all, Adam pushes every"
                + " unseen token's logit down on every step, and the SFT that follows has to undo it")
        String tokenRows,

        @Doc(
                "frozen: only the vision tower and merger learn (the captions and the cell loss ground the image features"
                        + " while the decoder stays as plastic as a fresh one); trained: the decoder learns the captions too."
                        + " On the synthetic world a trained tiny decoder made the judgment SFT that follows 2.5x slower to fit")
        String decoder,

        @Doc("add a turn per image that describes it cell by cell in reading order, each cell after its coordinates"
                + " (\"row 1, column 1: -; row 1, column 2: red circle; ...\"); needs world.json beside the"
                + " data for the class names")
        boolean gridTurn,

        @Doc("ask each image for its caption (\"What objects are in the image?\"). false: only the short questions (and"
                + " the grid turn) are trained, so the loss is not spent mostly on long captions; an image with no"
                + " other question is left out of training")
        boolean captions,

        @Doc("turn order in each conversation: fixed (caption first, then the file's order) or shuffled (an order of"
                + " its own per image, so that a turn's place never tells which question it is)")
        String turns,

        @Doc("where the image sits in the first user turn: before-text (Qwen's usage and R1-Reward's inference scripts)"
                + " or after-text (R1-Reward's RL training data), for the short questions and the mixed-in judgments alike;"
                + " recorded in every checkpoint's judge_prompt.json")
        String imagePosition,

        @Doc("text between the image and each training question: none, r1-prompt (the R1-Reward prompt with empty"
                + " question and responses, so an answer reads the image from as far away as a judgment does) or"
                + " r1-input (its input section alone); the held-out questions take held_out.question_context")
        String questionContext,

        @Doc("images kept out of training (the data file's last ones) to measure the base's answers on")
        HeldOut heldOut,

        @Doc("teacher judgments (a verdict distill output) mixed into pretraining, so the base also learns to write"
                + " a judgment about what it sees")
        Judgments judgments,

        @Doc("optimizer") OptimConfig optim,
        @Doc("run folder and bookkeeping") RunConfig run) {

    public PretrainConfig {
        Check.require(model != null, "model must be set");
        Check.require(data != null, "data must be set");
        Check.require(
                List.of("none", "seen", "all").contains(tokenRows),
                "token_rows must be none, seen or all, got " + tokenRows);
        Check.require(
                List.of("frozen", "trained").contains(decoder), "decoder must be frozen or trained, got " + decoder);
        Check.require(
                List.of("fixed", "shuffled", "single").contains(turns),
                "turns must be fixed, shuffled or single, got " + turns);
        Check.require(
                ImagePosition.keys().contains(imagePosition),
                "image_position must be one of " + ImagePosition.keys() + ", got " + imagePosition);
        checkContext("question_context", questionContext);
        Check.require(featureRms >= 0 && Double.isFinite(featureRms), "feature_rms must be >= 0, got " + featureRms);
        Check.require(cellLoss >= 0 && Double.isFinite(cellLoss), "cell_loss must be >= 0, got " + cellLoss);
        Check.require(
                List.of("probe", "words").contains(cellTargets),
                "cell_targets must be probe or words, got " + cellTargets);
    }

    /**
     * The held-out measurement: each held-out image's questions asked one at a time, exact-match accuracy overall
     * and per question kind ({@code held_out} in {@code metrics.jsonl}).
     *
     * @param images how many of the data file's last images are held out (0 = none, no measurement)
     * @param every measure every this many steps (and after the last)
     */
    public record HeldOut(
            @Doc("how many of the data file's last images are held out of training (0 = none)")
            int images,

            @Doc("measure every this many optimizer steps, and after the last")
            int every,

            @Doc("text between the image and each held-out question, as question_context: none (the plain look-up),"
                    + " r1-prompt or r1-input (the look-up from a judgment's distance under either template)")
            String questionContext) {
        public HeldOut {
            Check.require(images >= 0, "held_out.images must be >= 0, got " + images);
            Check.require(every >= 1, "held_out.every must be >= 1, got " + every);
            checkContext("held_out.question_context", questionContext);
        }
    }

    /**
     * Teacher judgments mixed into pretraining: the R1-Reward prompt with the image and the teacher's judgment as
     * the reply, as in {@code train sft}, making up {@code share} of the items (cycled through as needed). Their
     * image tokens carry no cell label.
     *
     * @param train the distill output (empty = none)
     * @param share the fraction of training items that are judgments
     * @param template the judge prompt's text
     */
    public record Judgments(
            @Doc("pairs with a teacher judgment (meta.judgment), as verdict distill writes them; empty = none")
            String train,

            @Doc("fraction of the training items that are judgments, in [0, 1); the judgments repeat to fill it")
            double share,

            @Doc("the judge prompt's text: r1-reward (the whole R1-Reward prompt) or r1-input (its input section"
                    + " alone); recorded with image_position in every checkpoint's judge_prompt.json")
            String template) {
        public Judgments {
            Check.require(train != null, "judgments.train must be set (empty for none)");
            Check.require(share >= 0 && share < 1, "judgments.share must be in [0, 1), got " + share);
            Check.require(train.isEmpty() || share > 0, "judgments.share must be > 0 when judgments.train is set");
            Check.require(
                    PromptTemplate.keys().contains(template),
                    "judgments.template must be one of " + PromptTemplate.keys() + ", got " + template);
        }

        static final Judgments NONE = new Judgments("", 0, "r1-reward");
    }

    /**
     * AdamW as in {@link OptimConfig#defaults} but with beta2 0.95 (OpenRLHF's default too): with 0.999 a tiny decoder
     * trained at lr 2e-3 diverged after 271 steps (gradient-norm spikes in the thousands, loss 0.6 -> 9), with 0.95
     * the same run stayed stable through 600 (BENCHMARKS.md item 13).
     */
    static final OptimConfig PRETRAIN_OPTIM = new OptimConfig(2e-3, 2e-4, 20, 0.01, 0.9, 0.95, 1e-8, 1.0);

    private static void checkContext(String key, String value) {
        Check.require(
                List.of("none", "r1-prompt", "r1-input").contains(value),
                key + " must be none, r1-prompt or r1-input, got " + value);
    }

    /** The text a question context puts before a question ("" for none). */
    static String contextText(String questionContext) {
        return switch (questionContext) {
            case "r1-prompt" -> PromptTemplate.R1_REWARD.render("", "", "") + "\n\n";
            case "r1-input" -> PromptTemplate.R1_INPUT.render("", "", "");
            default -> "";
        };
    }

    /** The defaults every recipe starts from. */
    public static PretrainConfig defaults() {
        return new PretrainConfig(
                "",
                "",
                new SftConfig.Train(0, 1, 64, 1, 512, "f32", "", 1.0, "", 1.0, ""),
                1.0,
                0.1,
                "probe",
                "none",
                "frozen",
                false,
                true,
                "fixed",
                "before-text",
                "none",
                new HeldOut(0, 100, "none"),
                Judgments.NONE,
                PRETRAIN_OPTIM,
                RunConfig.defaults("runs/pretrain"));
    }

    /** The same loop as a supervised run (the trainer is shared). */
    public SftConfig asSft() {
        return new SftConfig(
                model,
                DataConfig.of(data),
                new PromptConfig(imagePosition, judgments.template(), 0, 0),
                train,
                optim,
                run);
    }
}
