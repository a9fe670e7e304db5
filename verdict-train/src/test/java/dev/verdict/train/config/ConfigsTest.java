package dev.verdict.train.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.verdict.data.synth.Judgments;
import dev.verdict.train.pretrain.PretrainConfig;
import dev.verdict.train.rl.RlConfig;
import dev.verdict.train.sft.SftConfig;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConfigsTest {
    @TempDir
    Path tmp;

    @Test
    void printedConfigReadsBackToTheSameRecord() throws IOException {
        for (Record defaults : List.<Record>of(SftConfig.defaults(), RlConfig.defaults())) {
            Path f = tmp.resolve(defaults.getClass().getSimpleName() + ".yaml");
            Files.writeString(f, ConfigDocs.yaml(defaults, "header"));
            assertEquals(defaults, Configs.resolve(defaults, f, List.of()));
        }
    }

    @Test
    void everyFieldIsDocumentedInThePrintedConfig() {
        for (Class<? extends Record> type : List.of(SftConfig.class, RlConfig.class)) {
            for (String line : ConfigDocs.keyDocs(type)) {
                String doc = line.substring(line.indexOf(": ") + 2);
                assertTrue(doc.length() > 5, "undocumented key " + line);
            }
        }
        String yaml = ConfigDocs.yaml(RlConfig.defaults(), null);
        assertTrue(yaml.contains("# StableReinforce advantage filter"), yaml);
        assertTrue(yaml.contains("(paper | reference | none)"), "enum choices listed");
    }

    @Test
    void recipeThenOverridesApplyInOrder() throws IOException {
        Path f = tmp.resolve("r.yaml");
        Files.writeString(f, "model: m\noptim:\n  lr: 3.0e-4\ntrain:\n  batch_size: 8\n");
        SftConfig c = Configs.resolve(SftConfig.defaults(), f, List.of("optim.lr=1e-4", "run.out=runs/x"));
        assertEquals("m", c.model());
        assertEquals(1e-4, c.optim().lr());
        assertEquals(8, c.train().batchSize());
        assertEquals("runs/x", c.run().out());
        assertEquals(SftConfig.defaults().optim().warmupSteps(), c.optim().warmupSteps());
    }

    @Test
    void unknownKeysAreNamedWithTheValidOnes() throws IOException {
        Path f = tmp.resolve("bad.yaml");
        Files.writeString(f, "optim:\n  learning_rate: 1\n");
        ConfigException e =
                assertThrows(ConfigException.class, () -> Configs.resolve(SftConfig.defaults(), f, List.of()));
        assertTrue(e.getMessage().contains("bad.yaml"), e.getMessage());
        assertTrue(e.getMessage().contains("'optim.learning_rate'"), e.getMessage());
        assertTrue(e.getMessage().contains("lr, min_lr"), e.getMessage());
        ConfigException s = assertThrows(
                ConfigException.class, () -> Configs.resolve(SftConfig.defaults(), null, List.of("trian.steps=3")));
        assertTrue(s.getMessage().contains("'trian'"), s.getMessage());
    }

    @Test
    void badValuesNameTheKey() {
        ConfigException type = assertThrows(
                ConfigException.class, () -> Configs.resolve(SftConfig.defaults(), null, List.of("optim.lr=fast")));
        assertTrue(type.getMessage().contains("optim.lr") || type.getMessage().contains("lr"), type.getMessage());
        ConfigException range = assertThrows(
                ConfigException.class,
                () -> Configs.resolve(SftConfig.defaults(), null, List.of("train.batch_size=0")));
        assertTrue(range.getMessage().contains("train.batch_size must be >= 1"), range.getMessage());
        ConfigException choice = assertThrows(
                ConfigException.class,
                () -> Configs.resolve(RlConfig.defaults(), null, List.of("algo.filter=sometimes")));
        assertTrue(choice.getMessage().contains("algo.filter"), choice.getMessage());
        assertThrows(ConfigException.class, () -> Configs.resolve(SftConfig.defaults(), null, List.of("optim.lr")));
    }

    @Test
    void algoPresetsSetTheSwitches() {
        RlConfig rpp = Configs.resolve(RlConfig.defaults(), null, RlConfig.preset("reinforce++"));
        assertEquals(RlConfig.Filter.NONE, rpp.algo().filter());
        assertEquals(false, rpp.algo().preClip());
        RlConfig grpo = Configs.resolve(RlConfig.defaults(), null, RlConfig.preset("grpo"));
        assertEquals(RlConfig.Baseline.GROUP, grpo.algo().baseline());
        assertEquals(false, grpo.algo().whiten());
        assertThrows(IllegalArgumentException.class, () -> RlConfig.preset("ppo2"));
    }

    @Test
    void defaultsTakeThePapersTwoUpdatesPerRolloutBatchAndOneUpdateWithPreClipWarns() {
        RlConfig d = RlConfig.defaults();
        assertEquals(2, d.algo().ppoEpochs() * d.algo().miniBatches(), "the ratio must be able to leave 1");
        assertEquals(List.of(), d.warnings());
        RlConfig one = Configs.resolve(d, null, List.of("algo.mini_batches=1"));
        assertEquals(1, one.warnings().size());
        assertTrue(
                one.warnings().get(0).contains("algo.pre_clip"), one.warnings().get(0));
        RlConfig noClip = Configs.resolve(d, null, List.of("algo.mini_batches=1", "algo.pre_clip=false"));
        assertEquals(List.of(), noClip.warnings(), "without Pre-CLIP one update is a plain policy gradient");
        RlConfig epochs = Configs.resolve(d, null, List.of("algo.mini_batches=1", "algo.ppo_epochs=2"));
        assertEquals(List.of(), epochs.warnings(), "a second pass moves the ratio");
    }

    @Test
    void hashIgnoresBookkeepingKeysOnly() {
        SftConfig a = SftConfig.defaults();
        SftConfig b = Configs.resolve(a, null, List.of("run.out=elsewhere", "run.log_every=3"));
        SftConfig c = Configs.resolve(a, null, List.of("optim.lr=5e-4"));
        assertEquals(Configs.hash(a, SftConfig.UNHASHED), Configs.hash(b, SftConfig.UNHASHED));
        assertNotEquals(Configs.hash(a, SftConfig.UNHASHED), Configs.hash(c, SftConfig.UNHASHED));
        assertNotEquals(Configs.hash(a, Set.of()), Configs.hash(b, Set.of()));
    }

    @Test
    void shippedRecipesResolve() throws IOException {
        Path recipes = Path.of("..", "recipes");
        try (Stream<Path> files = Files.list(recipes)) {
            List<Path> all = files.filter(p -> p.toString().endsWith(".yaml")).toList();
            assertEquals(8, all.size(), all.toString());
            for (Path f : all) {
                String name = f.getFileName().toString();
                Record defaults = name.contains("-rl")
                        ? RlConfig.defaults()
                        : name.contains("-pretrain") ? PretrainConfig.defaults() : SftConfig.defaults();
                Record c = Configs.resolve(defaults, f, List.of());
                assertNotEquals(defaults, c, f + " changes nothing");
                if (name.equals("small-world-sft.yaml")) {
                    assertEquals(
                            Judgments.LOOKUP_IMAGE_FOCUS,
                            ((SftConfig) c).train().imageFocus(),
                            "the recipe's image focus is the look-up wording's");
                }
            }
        }
    }
}
