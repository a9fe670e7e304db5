package dev.verdict.train.curate;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.verdict.data.PairSchema;
import dev.verdict.judge.PairExample;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;

/**
 * Easy pairs kept beside the hard ones ({@code verdict curate --replay R}). A judge's mistakes can be one-sided
 * (a tiny judge that answers "there is a square" where the truth is "there is none"), so its hard pairs carry a
 * prior of their own (on the synthetic world, 80 of 95 curated existence pairs have "no" for an answer), and RL on
 * them alone learns that prior instead of the skill: every existence answer became "no" (BENCHMARKS.md item 19).
 * Replaying easy pairs, {@code R} per hard pair drawn at random from those the judge got right at the first attempt,
 * keeps the answers the judge already gives right in the RL set. {@code R = 0} is the paper's procedure; replay is
 * a departure from it (the paper's hard set, 17,261 pairs, comes from its teacher's attempts).
 *
 * <p>Random replay keeps the easy pairs' own mix, so a prior the hard pairs carry stays in the set (on the small
 * world, all 42 hard pairs were same-colour "no", and the replay brought 17 "yes" and 17 "no" beside them). With a
 * mirror key ({@code verdict curate --replay-mirror KEY}), each hard pair also brings one easy pair of the same
 * subset whose {@code meta.KEY} (the synthetic world's {@code answer}: the right response's word) differs from its
 * own, so every answer the hard pairs need is matched by one they do not.
 */
final class Replay {
    /** The meta key that marks a replayed easy pair. */
    static final String META_KEY = "curate_replay";

    /** The meta key that marks a replayed pair drawn as a hard pair's mirror. */
    static final String MIRROR_KEY = "curate_mirror";

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

    /**
     * The mirror pairs' ids: for each hard pair in turn, one pair of {@code easy} not yet taken (by {@code taken}
     * or an earlier hard pair) with the same subset and a present {@code key} value that differs from the hard
     * pair's, drawn by a generator seeded with {@code seed}. A hard pair without the value, or with no such easy
     * pair left, gets none.
     */
    static List<String> mirrors(
            List<PairExample> hard, List<PairExample> easy, String key, Set<String> taken, long seed) {
        Random rnd = new Random(seed);
        Set<String> used = new HashSet<>(taken);
        List<String> out = new ArrayList<>();
        for (PairExample h : hard) {
            String value = h.source().get(key);
            if (value == null || value.isBlank()) {
                continue;
            }
            List<PairExample> candidates = easy.stream()
                    .filter(e -> !used.contains(e.id()) && e.subset().equals(h.subset()))
                    .filter(e -> {
                        String v = e.source().get(key);
                        return v != null && !v.isBlank() && !v.equals(value);
                    })
                    .toList();
            if (!candidates.isEmpty()) {
                String id = candidates.get(rnd.nextInt(candidates.size())).id();
                used.add(id);
                out.add(id);
            }
        }
        return out;
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
     * judged pair: id, attempts, ok, kept); {@code mirrorKey} is the meta key of {@link #mirrors} ("" for none);
     * {@code judge} is recorded as each replayed pair's {@code meta.curate_judge}. Returns how many easy pairs were
     * added, at random and as mirrors.
     */
    static Added apply(
            Path out, Path log, List<PairFiles.Item> items, double perHard, String mirrorKey, long seed, String judge)
            throws IOException {
        Map<String, PairFiles.Item> byId = new HashMap<>();
        items.forEach(i -> byId.put(i.pair().id(), i));
        List<String> hard = new ArrayList<>();
        List<PairExample> hardPairs = new ArrayList<>();
        for (String line : nonBlank(out)) {
            JsonNode o = JSON.readTree(line);
            if (!o.path(PairSchema.META).path(META_KEY).asBoolean(false)) {
                hard.add(line);
                PairFiles.Item item = byId.get(o.path("id").asText());
                if (item != null) {
                    hardPairs.add(item.pair());
                }
            }
        }
        List<PairExample> easy = easyPairs(log, items);
        List<String> random = choose(easy.stream().map(PairExample::id).toList(), hard.size(), perHard, seed);
        List<String> mirrored = List.of();
        if (!mirrorKey.isEmpty()) {
            requireKey(items, mirrorKey);
            mirrored = mirrors(hardPairs, easy, mirrorKey, new HashSet<>(random), seed + 1);
        }
        List<String> lines = new ArrayList<>(hard);
        for (String id : random) {
            lines.add(replayed(byId.get(id), out, judge, false));
        }
        for (String id : mirrored) {
            lines.add(replayed(byId.get(id), out, judge, true));
        }
        PairFiles.replaceLines(out, lines);
        PairFiles.sortLikeInput(out, items);
        return new Added(random.size(), mirrored.size());
    }

    /**
     * Easy pairs added by {@link #apply}.
     *
     * @param random drawn at random ({@code --replay})
     * @param mirrors drawn as mirrors of hard pairs ({@code --replay-mirror})
     */
    record Added(int random, int mirrors) {
        int total() {
            return random + mirrors;
        }
    }

    /** The pairs the judge got right at the first attempt, in input order. */
    private static List<PairExample> easyPairs(Path log, List<PairFiles.Item> items) throws IOException {
        Map<String, JsonNode> judged = new HashMap<>();
        for (String line : nonBlank(log)) {
            JsonNode o = JSON.readTree(line);
            judged.put(o.path("id").asText(), o);
        }
        List<PairExample> easy = new ArrayList<>();
        for (PairFiles.Item item : items) {
            JsonNode o = judged.get(item.pair().id());
            if (o != null && o.path("ok").asBoolean() && o.path("attempts").asInt() == 1) {
                easy.add(item.pair());
            }
        }
        return easy;
    }

    private static void requireKey(List<PairFiles.Item> items, String key) {
        boolean any = items.stream().anyMatch(i -> i.pair().source().containsKey(key));
        if (!any) {
            throw new IllegalArgumentException("--replay-mirror " + key + ": no pair of "
                    + (items.isEmpty() ? "the input" : items.getFirst().where().replaceFirst(":\\d+$", ""))
                    + " has meta." + key);
        }
    }

    private static String replayed(PairFiles.Item item, Path out, String judge, boolean mirror) throws IOException {
        ObjectNode line = PairFiles.toJson(item.pair(), out);
        ObjectNode meta = PairFiles.meta(line);
        meta.put("curate_attempts", 1);
        meta.put("curate_ok", true);
        meta.put("curate_judge", judge);
        meta.put(META_KEY, true);
        if (mirror) {
            meta.put(MIRROR_KEY, true);
        }
        return JSON.writeValueAsString(line);
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
