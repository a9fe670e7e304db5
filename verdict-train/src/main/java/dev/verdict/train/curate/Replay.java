package dev.verdict.train.curate;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.verdict.data.PairSchema;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * Easy pairs kept beside the hard ones ({@code verdict curate --replay R}). A judge's mistakes can be one-sided
 * (a tiny judge that answers "there is a square" where the truth is "there is none"), so its hard pairs carry a
 * prior of their own (on the synthetic world, 80 of 95 curated existence pairs have "no" for an answer), and RL on
 * them alone learns that prior instead of the skill: every existence answer became "no" (BENCHMARKS.md item 19).
 * Replaying easy pairs, {@code R} per hard pair drawn at random from those the judge got right at the first attempt,
 * keeps the answers the judge already gives right in the RL set. {@code R = 0} is the paper's procedure; replay is
 * a departure from it (the paper's hard set, 17,261 pairs, comes from its teacher's attempts).
 */
final class Replay {
    /** The meta key that marks a replayed easy pair. */
    static final String META_KEY = "curate_replay";

    private static final ObjectMapper JSON = new ObjectMapper();

    private Replay() {}

    /**
     * The easy ids to replay: {@code round(perHard * hardCount)} of {@code easyIds} (all of them when fewer), drawn
     * without replacement by a generator seeded with {@code seed}, in the order of {@code easyIds}.
     */
    static List<String> choose(List<String> easyIds, int hardCount, double perHard, long seed) {
        check(perHard);
        int want = (int) Math.min(easyIds.size(), Math.round(perHard * hardCount));
        List<Integer> order = new ArrayList<>();
        for (int i = 0; i < easyIds.size(); i++) {
            order.add(i);
        }
        Collections.shuffle(order, new Random(seed));
        List<Integer> picked = new ArrayList<>(order.subList(0, want));
        Collections.sort(picked);
        return picked.stream().map(easyIds::get).toList();
    }

    /** Refuses a share that is negative or not finite, naming the option. */
    static void check(double perHard) {
        if (perHard < 0 || !Double.isFinite(perHard)) {
            throw new IllegalArgumentException("--replay must be a finite number >= 0, got " + perHard);
        }
    }

    /**
     * Rewrites {@code out} as its hard pairs plus the replayed easy ones: any replayed lines of an earlier run are
     * dropped first, so a rerun or a resume gives the same file. {@code log} is the run's attempts log (one line per
     * judged pair: id, attempts, ok, kept); {@code judge} is recorded as each replayed pair's {@code
     * meta.curate_judge}. Returns how many easy pairs were added.
     */
    static int apply(Path out, Path log, List<PairFiles.Item> items, double perHard, long seed, String judge)
            throws IOException {
        List<String> hard = new ArrayList<>();
        for (String line : nonBlank(out)) {
            JsonNode meta = JSON.readTree(line).path(PairSchema.META);
            if (!meta.path(META_KEY).asBoolean(false)) {
                hard.add(line);
            }
        }
        Map<String, JsonNode> judged = new HashMap<>();
        for (String line : nonBlank(log)) {
            JsonNode o = JSON.readTree(line);
            judged.put(o.path("id").asText(), o);
        }
        List<String> easyIds = new ArrayList<>();
        for (PairFiles.Item item : items) {
            JsonNode o = judged.get(item.pair().id());
            if (o != null && o.path("ok").asBoolean() && o.path("attempts").asInt() == 1) {
                easyIds.add(item.pair().id());
            }
        }
        List<String> chosen = choose(easyIds, hard.size(), perHard, seed);
        Map<String, PairFiles.Item> byId = new HashMap<>();
        items.forEach(i -> byId.put(i.pair().id(), i));
        List<String> lines = new ArrayList<>(hard);
        for (String id : chosen) {
            ObjectNode line = PairFiles.toJson(byId.get(id).pair(), out);
            ObjectNode meta = PairFiles.meta(line);
            meta.put("curate_attempts", 1);
            meta.put("curate_ok", true);
            meta.put("curate_judge", judge);
            meta.put(META_KEY, true);
            lines.add(JSON.writeValueAsString(line));
        }
        PairFiles.replaceLines(out, lines);
        PairFiles.sortLikeInput(out, items);
        return chosen.size();
    }

    private static List<String> nonBlank(Path file) throws IOException {
        if (!Files.exists(file)) {
            return List.of();
        }
        return Files.readAllLines(file, StandardCharsets.UTF_8).stream()
                .filter(l -> !l.isBlank())
                .toList();
    }
}
