package dev.verdict.cli;

import dev.verdict.tensor.Device;
import dev.verdict.train.dist.Collective;
import dev.verdict.train.dist.Collectives;
import dev.verdict.train.dist.DistEnv;
import dev.verdict.train.pretrain.PretrainConfig;
import dev.verdict.train.pretrain.PretrainTrainer;
import dev.verdict.train.rl.RlConfig;
import dev.verdict.train.rl.RlTrainer;
import dev.verdict.train.sft.SftConfig;
import dev.verdict.train.sft.SftTrainer;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.function.Function;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code verdict train pretrain|sft|rl}. */
@Command(
        name = "train",
        mixinStandardHelpOptions = true,
        description = "Train a reward model: cold-start SFT on teacher judgments, then StableReinforce RL.",
        subcommands = {TrainCommand.Pretrain.class, TrainCommand.Sft.class, TrainCommand.Rl.class})
final class TrainCommand implements Runnable {
    /**
     * Runs a trainer in this process's data-parallel group: the torchrun variables (set by {@code verdict launch},
     * torchrun, Slurm or Kubernetes) or a single process.
     */
    static <T> T distributed(String device, Function<Collective, T> trainer) {
        DistEnv env = DistEnv.fromEnvironment(System.getenv());
        try (Collective dist = Collectives.open(env, Device.parse(device))) {
            return trainer.apply(dist);
        }
    }

    /** Under a launcher on GPUs each rank takes the GPU of its local rank (a recipe's {@code cuda} means that). */
    static List<String> deviceOverride() {
        DistEnv env = DistEnv.fromEnvironment(System.getenv());
        return env.isDistributed() && Collectives.deviceFor(env).kind() == Device.Kind.CUDA
                ? List.of("run.device=cuda:" + env.localRank())
                : List.of();
    }

    @Override
    public void run() {
        throw new CommandLine.ParameterException(
                new CommandLine(this), "choose a stage: verdict train pretrain | sft | rl");
    }

    @Command(
            name = "pretrain",
            mixinStandardHelpOptions = true,
            description = {
                "Pretrain a base model on the synthetic world: captions and short answers about each image, plus a",
                "dense per-cell loss on the image tokens (the stand-in for an instruction-tuned VLM).",
                "Config: defaults < --config YAML < --set KEY=VALUE; --print-config shows every key with its doc.",
                "Writes run.out/{config.yaml,provenance.json,metrics.jsonl,checkpoints/step-N}."
            })
    static final class Pretrain implements Callable<Integer> {
        @Mixin
        RecipeOptions recipe;

        @Override
        public Integer call() {
            PretrainConfig cfg = recipe.resolve(PretrainConfig.defaults(), deviceOverride());
            if (recipe.printed(cfg, "train pretrain")) {
                return 0;
            }
            if (cfg.model().isEmpty() || cfg.data().isEmpty()) {
                throw new IllegalArgumentException("set model and data (in the recipe or with --set)");
            }
            SftTrainer.Result r =
                    distributed(cfg.run().device(), dist -> new PretrainTrainer(cfg, dist).run(recipe.resumeMode()));
            System.out.printf(
                    "pretrain done: %d steps, last loss %.4f, %d skipped, %.1f s%ncheckpoint: %s%n",
                    r.steps(), r.lastLoss(), r.skipped(), r.seconds(), r.checkpoint());
            return 0;
        }
    }

    @Command(
            name = "sft",
            mixinStandardHelpOptions = true,
            description = {
                "Supervised fine-tuning on teacher judgments (loss on the judgment tokens only).",
                "Config: defaults < --config YAML < --set KEY=VALUE; --print-config shows every key with its doc.",
                "Writes run.out/{config.yaml,provenance.json,metrics.jsonl,checkpoints/step-N}."
            })
    static final class Sft implements Callable<Integer> {
        @Mixin
        RecipeOptions recipe;

        @Override
        public Integer call() {
            SftConfig cfg = recipe.resolve(SftConfig.defaults(), deviceOverride());
            if (recipe.printed(cfg, "train sft")) {
                return 0;
            }
            if (cfg.model().isEmpty() || cfg.data().train().isEmpty()) {
                throw new IllegalArgumentException("set model and data.train (in the recipe or with --set)");
            }
            SftTrainer.Result r =
                    distributed(cfg.run().device(), dist -> new SftTrainer(cfg, dist).run(recipe.resumeMode()));
            System.out.printf(
                    "sft done: %d steps, last loss %.4f, %d skipped, %.1f s%ncheckpoint: %s%n",
                    r.steps(), r.lastLoss(), r.skipped(), r.seconds(), r.checkpoint());
            return 0;
        }
    }

    @Command(
            name = "rl",
            mixinStandardHelpOptions = true,
            description = {
                "Reinforcement learning of the judge: rollouts, rule reward, StableReinforce / Reinforce++ / GRPO.",
                "Config: defaults < --config YAML < --algo preset < --set KEY=VALUE; --print-config shows every key.",
                "Writes run.out/{config.yaml,provenance.json,metrics.jsonl,samples.jsonl,checkpoints/step-N}."
            })
    static final class Rl implements Callable<Integer> {
        @Mixin
        RecipeOptions recipe;

        @Option(
                names = "--algo",
                paramLabel = "NAME",
                description = "stable-reinforce (whitening + 3-sigma filter + Pre-CLIP), reinforce++ or grpo; "
                        + "sets the algo.* switches (default: the recipe's)")
        String algo;

        @Override
        public Integer call() {
            List<String> extra = new ArrayList<>(algo == null ? List.of() : RlConfig.preset(algo));
            extra.addAll(deviceOverride());
            RlConfig cfg = recipe.resolve(RlConfig.defaults(), extra);
            if (recipe.printed(cfg, "train rl")) {
                return 0;
            }
            if (cfg.model().isEmpty() || cfg.data().train().isEmpty()) {
                throw new IllegalArgumentException("set model and data.train (in the recipe or with --set)");
            }
            RlTrainer.Result r =
                    distributed(cfg.run().device(), dist -> new RlTrainer(cfg, dist).run(recipe.resumeMode()));
            double first = r.rewards().isEmpty() ? Double.NaN : r.rewards().get(0);
            double last = r.rewards().isEmpty()
                    ? Double.NaN
                    : r.rewards().get(r.rewards().size() - 1);
            System.out.printf(
                    "rl done: %d steps, reward %.3f -> %.3f, %d skipped, %.1f s%ncheckpoint: %s%n",
                    r.steps(), first, last, r.skipped(), r.seconds(), r.checkpoint());
            return 0;
        }
    }
}
