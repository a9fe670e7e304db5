package dev.verdict.train.dist;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.verdict.tensor.Device;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;

class DistEnvTest {
    private static Map<String, String> torchrun() {
        Map<String, String> env = new HashMap<>();
        env.put("RANK", "3");
        env.put("WORLD_SIZE", "4");
        env.put("LOCAL_RANK", "1");
        env.put("MASTER_ADDR", "node0");
        env.put("MASTER_PORT", "29500");
        return env;
    }

    @Test
    void readsTorchrunVariables() {
        DistEnv e = DistEnv.fromEnvironment(torchrun());
        assertEquals(new DistEnv(3, 4, 1, "node0", 29500), e);
        assertTrue(e.isDistributed());
    }

    @Test
    void absentOrOneWorldIsASingleProcess() {
        assertEquals(DistEnv.SINGLE, DistEnv.fromEnvironment(Map.of()));
        assertEquals(DistEnv.SINGLE, DistEnv.fromEnvironment(Map.of("WORLD_SIZE", "1", "RANK", "0")));
        assertFalse(DistEnv.SINGLE.isDistributed());
    }

    @Test
    void badValuesNameTheVariable() {
        assertMessage("RANK", env -> env.put("RANK", "x"));
        assertMessage("RANK", env -> env.put("RANK", "4"));
        assertMessage("RANK", env -> env.remove("RANK"));
        assertMessage("WORLD_SIZE", env -> env.put("WORLD_SIZE", "0"));
        assertMessage("WORLD_SIZE", env -> env.put("WORLD_SIZE", "two"));
        assertMessage("MASTER_PORT", env -> env.put("MASTER_PORT", "70000"));
        assertMessage("MASTER_PORT", env -> env.remove("MASTER_PORT"));
        assertMessage("MASTER_ADDR", env -> env.remove("MASTER_ADDR"));
        assertMessage("LOCAL_RANK", env -> env.put("LOCAL_RANK", "-1"));
    }

    @Test
    void timeoutComesFromTheEnvironment() {
        assertEquals(
                Duration.ofSeconds(300), DistOptions.fromEnvironment(Map.of()).timeout());
        assertEquals(
                Duration.ofMillis(2500),
                DistOptions.fromEnvironment(Map.of("VERDICT_DIST_TIMEOUT_S", "2.5"))
                        .timeout());
        IllegalArgumentException e = assertThrows(
                IllegalArgumentException.class,
                () -> DistOptions.fromEnvironment(Map.of("VERDICT_DIST_TIMEOUT_S", "-1")));
        assertTrue(e.getMessage().contains("VERDICT_DIST_TIMEOUT_S"), e.getMessage());
    }

    @Test
    void worldOfOneOpensTheLocalCollective() {
        assertEquals(Collective.LOCAL, Collectives.open(DistEnv.SINGLE, Device.CPU));
    }

    private static void assertMessage(String variable, Consumer<Map<String, String>> change) {
        Map<String, String> env = torchrun();
        change.accept(env);
        IllegalArgumentException e =
                assertThrows(IllegalArgumentException.class, () -> DistEnv.fromEnvironment(env), variable);
        assertTrue(e.getMessage().contains(variable), e.getMessage());
    }
}
