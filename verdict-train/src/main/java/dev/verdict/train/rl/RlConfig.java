package dev.verdict.train.rl;

import com.fasterxml.jackson.annotation.JsonProperty;
import dev.verdict.train.config.Check;
import dev.verdict.train.config.DataConfig;
import dev.verdict.train.config.Doc;
import dev.verdict.train.config.OptimConfig;
import dev.verdict.train.config.RunConfig;
import dev.verdict.train.optim.Precision;
import dev.verdict.train.optim.Trainable;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * {@code verdict train rl}: StableReinforce (or Reinforce++ / GRPO) on preference pairs with a rule reward.
 * Every StableReinforce piece has its own switch for ablations; {@link #preset} gives the three algorithms'
 * settings. Defaults follow the paper where it states them ({@code spec/r1-reward.md} §2, §6).
 *
 * @param model policy initialisation (the SFT checkpoint)
 * @param reference reference model for the KL penalty
 * @param data training pairs (labels required)
 * @param rollout sampling
 * @param algo advantage estimator and loss
 * @param reward reward
 * @param train loop
 * @param optim optimizer
 * @param run run folder
 */
public record RlConfig(
        @Doc("policy initialisation: a Hugging Face model directory, usually the SFT checkpoint")
        String model,

        @Doc("reference model for the KL penalty (empty = model); loaded only when algo.kl_coef > 0")
        String reference,

        @Doc("training pairs; each needs a label (preferred 1 or 2)")
        DataConfig data,

        @Doc("rollouts") Rollout rollout,
        @Doc("advantages and policy loss") Algo algo,

        @Doc("reward = result x (1 + consistency_weight x consistency) + format_weight x format")
        Reward reward,

        @Doc("training loop") Train train,

        @Doc("greedy judgments of held-out pairs during training, to see what decoding the policy does (RL samples at"
                + " temperature 1, so its rewards can stay high while greedy decoding drifts)")
        GreedyEval greedyEval,

        @Doc("optimizer (one step per mini-batch)") OptimConfig optim,
        @Doc("run folder and bookkeeping") RunConfig run) {

    /** Keys that do not change the computation, left out of the resume check's hash. */
    public static final Set<String> UNHASHED = Set.of(
            "run.out",
            "run.save_every",
            "run.log_every",
            "run.max_skips",
            "run.threads",
            "run.device",
            "train.samples_logged",
            "greedy_eval.data",
            "greedy_eval.pairs",
            "greedy_eval.every",
            "greedy_eval.max_tokens");

    /**
     * @param promptsPerStep pairs per RL step across ranks
     * @param samplesPerPrompt rollouts per pair
     * @param temperature sampling temperature
     * @param topP nucleus sampling
     * @param maxNewTokens response cap
     * @param order response order shown: as-is or random (seeded swaps)
     */
    public record Rollout(
            @Doc("pairs per RL step, summed over all ranks") int promptsPerStep,
            @Doc("rollouts sampled per pair (n)") int samplesPerPrompt,
            @Doc("sampling temperature (paper: 1.0)") double temperature,
            @Doc("nucleus sampling mass (1 = off)") double topP,

            @Doc("longest response in tokens; longer ones are cut (and usually fail the format check)")
            int maxNewTokens,

            @Doc("response order shown to the policy: as-is, or random (each pair shown swapped, label flipped, with"
                    + " probability 1/2, seeded by run.seed, step and pair). Random keeps a position-biased judge from"
                    + " learning the bias of a label-skewed set, such as the curated pairs of a judge that prefers one"
                    + " position")
            String order) {
        public Rollout {
            Check.require(promptsPerStep >= 1, "rollout.prompts_per_step must be >= 1");
            Check.require(samplesPerPrompt >= 1, "rollout.samples_per_prompt must be >= 1");
            Check.require(temperature > 0, "rollout.temperature must be > 0");
            Check.require(topP > 0 && topP <= 1, "rollout.top_p must be in (0, 1]");
            Check.require(maxNewTokens >= 1, "rollout.max_new_tokens must be >= 1");
            Check.require(
                    "as-is".equals(order) || "random".equals(order),
                    "rollout.order must be as-is or random, got " + order);
        }
    }

    /** The algorithm a config was derived from (a label: the switches below decide). */
    public enum AlgoName {
        @JsonProperty("stable-reinforce")
        STABLE_REINFORCE,
        @JsonProperty("reinforce++")
        REINFORCE_PP,
        @JsonProperty("grpo")
        GRPO
    }

    /** Scalar-reward baseline. */
    public enum Baseline {
        @JsonProperty("none")
        NONE,
        @JsonProperty("group")
        GROUP
    }

    /** Advantage filter. */
    public enum Filter {
        @JsonProperty("paper")
        PAPER,
        @JsonProperty("reference")
        REFERENCE,
        @JsonProperty("none")
        NONE
    }

    /** Loss reduction over tokens and sequences. */
    public enum Aggregation {
        @JsonProperty("seq-mean-token-mean")
        SEQ_MEAN_TOKEN_MEAN,
        @JsonProperty("seq-mean-token-sum")
        SEQ_MEAN_TOKEN_SUM,
        @JsonProperty("token-mean")
        TOKEN_MEAN
    }

    /** KL estimator. */
    public enum Kl {
        @JsonProperty("k1")
        K1,
        @JsonProperty("k3")
        K3
    }

    /**
     * Advantage and loss settings.
     *
     * @param name label
     * @param baseline reward baseline
     * @param whiten global token whitening
     * @param filter advantage filter
     * @param filterSigma filter threshold
     * @param preClip Pre-CLIP switch
     * @param logRatioMin Pre-CLIP lower bound
     * @param logRatioMax Pre-CLIP upper bound
     * @param clipEps PPO ε
     * @param klCoef β
     * @param klEstimator estimator
     * @param gamma discount
     * @param rewardClip reward clip
     * @param lossAggregation loss reduction
     * @param entropyCoef entropy bonus
     * @param ppoEpochs passes over each rollout batch
     * @param miniBatches optimizer steps per pass
     */
    public record Algo(
            @Doc("label of the algorithm these switches came from")
            AlgoName name,

            @Doc("reward baseline: none (Reinforce++ / StableReinforce) or group (GRPO: per-prompt mean and std)")
            Baseline baseline,

            @Doc("whiten returns over all action tokens of the step (Reinforce++)")
            boolean whiten,

            @Doc("StableReinforce advantage filter: paper (|z| > sigma -> 0), reference (released code's window), none")
            Filter filter,

            @Doc("advantage filter threshold in standard deviations (paper: 3)")
            double filterSigma,

            @Doc("Pre-CLIP: clamp log(pi/pi_old) before exp (StableReinforce)")
            boolean preClip,

            @Doc("Pre-CLIP lower bound on the log-ratio (paper: ln 1e-3)")
            double logRatioMin,

            @Doc("Pre-CLIP upper bound on the log-ratio (paper: ln 1e3)")
            double logRatioMax,

            @Doc("PPO clip range epsilon (paper: 0.2)") double clipEps,

            @Doc("KL penalty coefficient beta in the token reward (paper: 0; reference script: 1e-3)")
            double klCoef,

            @Doc("KL estimator") Kl klEstimator,
            @Doc("discount gamma (paper: 1)") double gamma,

            @Doc("clip of the scalar reward before it enters the returns")
            double rewardClip,

            @Doc("how token losses become the loss") Aggregation lossAggregation,
            @Doc("entropy bonus coefficient (0 = off)") double entropyCoef,
            @Doc("passes over each rollout batch") int ppoEpochs,
            @Doc("mini-batches (optimizer steps) per pass") int miniBatches) {
        public Algo {
            Check.require(filterSigma > 0, "algo.filter_sigma must be > 0");
            Check.require(logRatioMin < logRatioMax, "algo.log_ratio_min must be < algo.log_ratio_max");
            Check.require(clipEps > 0 && clipEps < 1, "algo.clip_eps must be in (0, 1)");
            Check.require(klCoef >= 0, "algo.kl_coef must be >= 0");
            Check.require(gamma > 0 && gamma <= 1, "algo.gamma must be in (0, 1]");
            Check.require(rewardClip > 0, "algo.reward_clip must be > 0");
            Check.require(entropyCoef >= 0, "algo.entropy_coef must be >= 0");
            Check.require(ppoEpochs >= 1, "algo.ppo_epochs must be >= 1");
            Check.require(miniBatches >= 1, "algo.mini_batches must be >= 1");
        }
    }

    /** Where the consistency score comes from. */
    public enum ConsistencySource {
        @JsonProperty("world")
        WORLD,
        @JsonProperty("openai")
        OPENAI,
        @JsonProperty("none")
        NONE
    }

    /** Consistency value set. */
    public enum Scale {
        @JsonProperty("signed")
        SIGNED,
        @JsonProperty("binary")
        BINARY
    }

    /**
     * Reward settings.
     *
     * @param formatWeight w_f
     * @param consistencyWeight w_c
     * @param consistency judge source
     * @param scale value set
     * @param judgeIncorrect judge wrong answers too
     * @param judgeUrl OpenAI-compatible base URL
     * @param judgeModel model name
     * @param judgeApiKeyEnv environment variable holding the key
     * @param maxFailureRate failed-judge share that abandons a step
     * @param concurrency judge calls in flight
     */
    public record Reward(
            @Doc("weight of the format reward (paper: 0.5)") double formatWeight,

            @Doc("weight of the consistency reward (paper: 0.5; 0 turns consistency off)")
            double consistencyWeight,

            @Doc("consistency judge: world (rule checker of the synthetic world), openai (an LLM endpoint), none")
            ConsistencySource consistency,

            @Doc("consistency values: signed {+1, -1, 0} (reference server) or binary {1, 0}")
            Scale scale,

            @Doc("also ask the judge when the answer is wrong (the reference does; the reward ignores it)")
            boolean judgeIncorrect,

            @Doc("OpenAI-compatible base URL of the consistency judge (consistency: openai)")
            String judgeUrl,

            @Doc("model name sent to the consistency judge") String judgeModel,

            @Doc("environment variable that holds the judge's API key (may be unset)")
            String judgeApiKeyEnv,

            @Doc("abandon a step when more than this share of judge calls failed after retries")
            double maxFailureRate,

            @Doc("judge calls in flight") int concurrency) {
        public Reward {
            Check.require(formatWeight >= 0, "reward.format_weight must be >= 0");
            Check.require(consistencyWeight >= 0, "reward.consistency_weight must be >= 0");
            Check.require(
                    consistencyWeight == 0 || consistency != ConsistencySource.NONE,
                    "reward.consistency is none but reward.consistency_weight is " + consistencyWeight
                            + " (set the weight to 0)");
            Check.require(
                    consistency != ConsistencySource.OPENAI || !judgeUrl.isBlank(),
                    "reward.consistency is openai: set reward.judge_url");
            Check.require(maxFailureRate >= 0 && maxFailureRate <= 1, "reward.max_failure_rate must be in [0, 1]");
            Check.require(concurrency >= 1, "reward.concurrency must be >= 1");
        }
    }

    /**
     * @param steps RL steps
     * @param dtype parameter dtype
     * @param samplesLogged rollouts per step written to samples.jsonl
     * @param freeze a regular expression over parameter names; the ones it matches in full keep their values
     */
    public record Train(
            @Doc("RL steps (each: rollouts, rewards, advantages, ppo_epochs x mini_batches optimizer steps)")
            int steps,

            @Doc("precision: f32; bf16 (mixed: bf16 weights and activations, fp32 master weights and AdamW moments,"
                    + " gradients reduced in fp32); bf16-pure (everything in bf16: small updates round away)")
            String dtype,

            @Doc("rollouts per step written to samples.jsonl")
            int samplesLogged,

            @Doc("a regular expression over parameter names; the parameters it matches in full keep the starting"
                    + " model's values, e.g. 'visual\\..*' for the vision tower and merger (\"\" = train all)")
            String freeze,

            @Doc("rollouts per forward pass of the old and reference log-prob passes (0 = the whole rollout batch at"
                    + " once); the result is the same, the peak memory smaller")
            int microBatchSize) {
        public Train {
            Check.require(steps >= 1, "train.steps must be >= 1");
            Check.require(microBatchSize >= 0, "train.micro_batch_size must be >= 0, got " + microBatchSize);
            Check.require(Precision.isKey(dtype), "train.dtype must be f32, bf16 or bf16-pure, got " + dtype);
            Check.require(samplesLogged >= 0, "train.samples_logged must be >= 0");
            Trainable.check(freeze);
        }
    }

    /**
     * @param data held-out labelled pairs (empty = off)
     * @param pairs how many of them (the file's first)
     * @param every check every this many steps, and after the last
     * @param maxTokens longest greedy judgment
     */
    public record GreedyEval(
            @Doc("labelled pairs to judge greedily, e.g. the world's test.jsonl (empty = off); monitoring only,"
                    + " nothing is selected by it")
            String data,

            @Doc("how many of the file's first pairs") int pairs,

            @Doc("judge them every this many steps, and after the last")
            int every,

            @Doc("longest greedy judgment in tokens") int maxTokens) {
        public GreedyEval {
            Check.require(data != null, "greedy_eval.data must be set (empty for off)");
            Check.require(pairs >= 1, "greedy_eval.pairs must be >= 1, got " + pairs);
            Check.require(every >= 1, "greedy_eval.every must be >= 1, got " + every);
            Check.require(maxTokens >= 1, "greedy_eval.max_tokens must be >= 1, got " + maxTokens);
        }
    }

    public RlConfig {
        Check.require(model != null && reference != null, "model and reference must be strings");
        Check.require(
                algo.baseline() != Baseline.GROUP || rollout.samplesPerPrompt() >= 2,
                "algo.baseline group needs rollout.samples_per_prompt >= 2");
    }

    /**
     * Settings that are valid but switch off part of what the config asks for; the trainer prints each one when
     * it starts.
     */
    public List<String> warnings() {
        List<String> out = new ArrayList<>();
        if (algo.preClip() && algo.ppoEpochs() * algo.miniBatches() == 1) {
            out.add("algo.pre_clip is on, but algo.ppo_epochs x algo.mini_batches = 1: the single update of each"
                    + " rollout batch takes its old log-probs from its own forward pass, so the ratio is exactly 1"
                    + " and neither Pre-CLIP nor the PPO clip ever acts (the paper: 2 optimizer steps per rollout"
                    + " batch, algo.mini_batches=2)");
        }
        String precision = Precision.parse(train.dtype()).warning();
        if (precision != null) {
            out.add(precision);
        }
        int rows = rollout.promptsPerStep() * rollout.samplesPerPrompt();
        if (algo.miniBatches() > rows) {
            out.add("algo.mini_batches (" + algo.miniBatches() + ") is more than the rollout batch (" + rows
                    + " rows): only " + rows + " optimizer steps per pass are taken");
        }
        return out;
    }

    /** The defaults: StableReinforce as the paper states it (2 optimizer steps per rollout batch). */
    public static RlConfig defaults() {
        return new RlConfig(
                "",
                "",
                DataConfig.of(""),
                new Rollout(8, 4, 1.0, 1.0, 256, "as-is"),
                new Algo(
                        AlgoName.STABLE_REINFORCE,
                        Baseline.NONE,
                        true,
                        Filter.PAPER,
                        3.0,
                        true,
                        Math.log(1e-3),
                        Math.log(1e3),
                        0.2,
                        0.0,
                        Kl.K1,
                        1.0,
                        10.0,
                        Aggregation.SEQ_MEAN_TOKEN_MEAN,
                        0.0,
                        1,
                        2),
                new Reward(0.5, 0.5, ConsistencySource.WORLD, Scale.SIGNED, false, "", "", "OPENAI_API_KEY", 0.2, 8),
                new Train(100, "f32", 2, "", 0),
                new GreedyEval("", 64, 10, 256),
                new OptimConfig(1e-5, 1e-6, 0, 0.0, 0.9, 0.999, 1e-8, 1.0),
                RunConfig.defaults("runs/rl"));
    }

    /**
     * The overrides that select an algorithm: {@code stable-reinforce} (whitening, the 3-sigma filter, Pre-CLIP),
     * {@code reinforce++} (whitening, plain PPO clip), {@code grpo} (group baseline, plain PPO clip).
     */
    public static List<String> preset(String algo) {
        return switch (algo) {
            case "stable-reinforce" ->
                List.of(
                        "algo.name=stable-reinforce",
                        "algo.baseline=none",
                        "algo.whiten=true",
                        "algo.filter=paper",
                        "algo.pre_clip=true");
            case "reinforce++" ->
                List.of(
                        "algo.name=reinforce++",
                        "algo.baseline=none",
                        "algo.whiten=true",
                        "algo.filter=none",
                        "algo.pre_clip=false");
            case "grpo" ->
                List.of(
                        "algo.name=grpo",
                        "algo.baseline=group",
                        "algo.whiten=false",
                        "algo.filter=none",
                        "algo.pre_clip=false");
            default ->
                throw new IllegalArgumentException(
                        "unknown --algo '" + algo + "' (stable-reinforce, reinforce++, grpo)");
        };
    }
}
