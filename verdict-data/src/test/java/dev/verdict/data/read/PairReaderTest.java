package dev.verdict.data.read;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.verdict.judge.ImageFormats;
import dev.verdict.judge.ImageRef;
import dev.verdict.judge.PairExample;
import dev.verdict.judge.Preference;
import dev.verdict.judge.prompt.R1RewardPrompt;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PairReaderTest {
    @TempDir
    Path dir;

    private Path write(String name, String content) throws Exception {
        Path p = dir.resolve(name);
        Files.writeString(p, content);
        return p;
    }

    @Test
    void ourSchemaWithEveryImageForm() throws Exception {
        Path f = write("pairs.jsonl", """
                {"id":"a","images":["img/a.png","data:image/png;base64,iVBORw0KGgo=",{"bytes":"iVBORw0KGgo="}],"question":"Q?","response_1":"x","response_2":"y","preferred":2,"category":"c","subset":"s","meta":{"k":"v"}}

                {"id":"b","question":"Q2","answer_1":"p","answer_2":"q","preferred":null}
                """);
        PairReader.Result r = PairReader.read(f, ReadOptions.defaults().with("imageRoot", Path.of("/data/root")));
        assertEquals(Layout.VERDICT, r.layout());
        assertEquals(List.of(), r.problems());
        PairExample a = r.pairs().get(0);
        assertEquals(ImageRef.path(Path.of("/data/root/img/a.png")), a.images().get(0));
        assertTrue(a.images().get(1) instanceof ImageRef.Base64Text);
        assertEquals("image/png", ImageFormats.mimeType(a.images().get(2).bytes()));
        assertEquals(Preference.TWO, a.preferred());
        assertEquals("v", a.source().get("k"));
        assertEquals("1", a.source().get("line"));
        PairExample b = r.pairs().get(1);
        assertEquals(Preference.UNKNOWN, b.preferred());
        assertEquals("p", b.response1());
        assertEquals("3", b.source().get("line"));
    }

    @Test
    void relativeImagesDefaultToTheFilesFolder() throws Exception {
        Path f = write(
                "p.jsonl",
                "{\"id\":\"a\",\"images\":[\"x.png\"],\"question\":\"q\",\"response_1\":\"1\",\"response_2\":\"2\",\"preferred\":1}\n");
        assertEquals(
                ImageRef.path(dir.resolve("x.png").toAbsolutePath()),
                PairReader.read(f, ReadOptions.defaults())
                        .pairs()
                        .getFirst()
                        .images()
                        .getFirst());
    }

    @Test
    void everyBadRecordIsReportedWithLineAndField() throws Exception {
        Path f = write("bad.jsonl", """
                {"id":"ok","question":"q","response_1":"a","response_2":"b","preferred":1}
                {"id":"x","question":"q","response_1":"a","response_2":"b","preferred":3}
                {not json
                {"id":"y","question":"","response_1":"a","response_2":"b","preferred":1}
                [1,2]
                {"id":"z","question":"q","response_2":"b","preferred":1}
                {"id":"w","question":"q","response_1":"a","response_2":"b","preferred":1,"images":[7]}
                """);
        PairReader.Result r = PairReader.read(f, ReadOptions.defaults().with("layout", Layout.VERDICT));
        assertEquals(7, r.records());
        assertEquals(1, r.rows().size());
        List<String> shown =
                r.problems().stream().map(p -> p.location() + " " + p.field()).toList();
        assertEquals(List.of("2 preferred", "3 ", "4 question", "5 ", "6 response_1", "7 images[0]"), shown);
        assertTrue(
                r.problems().get(0).toString().startsWith(f + ":2: preferred: must be 1, 2 or null"),
                r.problems().get(0).toString());
    }

    @Test
    void jsonArrayElementsCarryTheirLine() throws Exception {
        Path f = write("arr.json", """
                [
                  {"id": "a", "query": "q", "response": ["r0", "r1"], "human_ranking": [0, 1], "image": "images/a.png"},
                  {"id": "RLHF-V-1", "query": "q",
                   "response": ["r0", "r1"], "human_ranking": [1, 0]},
                  {"id": "b", "query": "q", "response": ["r0"], "human_ranking": [0, 1]}
                ]
                """);
        PairReader.Result r = PairReader.read(f, ReadOptions.defaults());
        assertEquals(Layout.VL_REWARDBENCH, r.layout());
        assertEquals(2, r.rows().size());
        assertEquals(Preference.TWO, r.pairs().get(1).preferred());
        assertEquals("hallucination", r.pairs().get(1).category());
        assertEquals("general", r.pairs().get(0).category());
        assertEquals(1, r.problems().size());
        assertEquals(5, r.problems().getFirst().location());
        assertEquals("response", r.problems().getFirst().field());
    }

    @Test
    void r1RewardTrainingLayoutRoundTripsThePrompt() throws Exception {
        String prompt = R1RewardPrompt.render("How many?", "Two {answer2}.", "Three.");
        var chat = RecordSource.JSON.createArrayNode();
        var user = chat.addObject().put("role", "user");
        var content = user.putArray("content");
        content.addObject().put("type", "text").put("text", prompt);
        content.addObject().put("type", "image").put("image", "img/1.png");
        var row = RecordSource.JSON
                .createObjectNode()
                .put("message", chat.toString())
                .put("question", "How many?");
        row.putArray("answer").add("<answer>2</answer>");
        var bad = row.deepCopy()
                .put("message", "[{\"role\":\"user\",\"content\":[{\"type\":\"text\",\"text\":\"hello\"}]}]");
        Path f = write("r1.jsonl", row + "\n" + bad + "\n");
        PairReader.Result r = PairReader.read(f, ReadOptions.defaults());
        assertEquals(Layout.R1_REWARD, r.layout());
        PairExample p = r.pairs().getFirst();
        assertEquals("How many?", p.question());
        assertEquals("Two {answer2}.", p.response1());
        assertEquals("Three.", p.response2());
        assertEquals(Preference.TWO, p.preferred());
        assertEquals(
                ImageRef.path(dir.resolve("img/1.png").toAbsolutePath()),
                p.images().getFirst());
        assertEquals("message", r.problems().getFirst().field());
        assertEquals(2, r.problems().getFirst().location());
    }

    @Test
    void multimodalRewardBenchLayout() throws Exception {
        Path f = write("mmrb.jsonl", """
                {"ID":"math_1","Text":"q","Image":"i.png","Output1":"a","Output2":"b","Better":"Output2","Category":"reasoning"}
                {"ID":"pairs_3","Text":"q","Image":"i.png","Output1":"a","Output2":"b","Better":"Output1","Category":"safety"}
                {"ID":"x","Text":"q","Image":"i.png","Output1":"a","Output2":"b","Better":"A","Category":"vqa"}
                """);
        PairReader.Result r = PairReader.read(f, ReadOptions.defaults());
        assertEquals(Layout.MULTIMODAL_REWARDBENCH, r.layout());
        assertEquals("reasoning/math", r.pairs().get(0).subset());
        assertEquals(Preference.TWO, r.pairs().get(0).preferred());
        assertEquals("safety/bias", r.pairs().get(1).subset());
        assertEquals("Better", r.problems().getFirst().field());
    }

    @Test
    void realVlRewardBenchWithBothCategoryMappings() throws Exception {
        Path f = BenchmarkFiles.file("vl_rewardbench/vl_rewardbench_hf_format.json");
        assumeTrue(f != null, "shared benchmark data not present");
        PairReader.Result official = PairReader.read(f, ReadOptions.defaults());
        assertEquals(List.of(), official.problems());
        assertEquals(1250, official.rows().size());
        assertEquals(
                Map.of("general", 183L, "hallucination", 749L, "reasoning", 318L),
                counts(official, PairExample::category));
        assertEquals(
                Map.of(
                        "povid",
                        448L,
                        "rlaif-v",
                        233L,
                        "rlhf-v",
                        68L,
                        "wildvision-battle",
                        173L,
                        "vlfeedback",
                        10L,
                        "mathverse",
                        167L,
                        "mmmu-pro",
                        151L),
                counts(official, PairExample::subset));
        assertEquals(
                1245,
                official.pairs().stream()
                        .filter(p -> p.preferred() == Preference.ONE)
                        .count());
        PairReader.Result r1 =
                PairReader.read(f, ReadOptions.defaults().with("categories", ReadOptions.CategoryMapping.R1_SCRIPT));
        assertEquals(
                Map.of("general", 484L, "hallucination", 448L, "reasoning", 318L), counts(r1, PairExample::category));
    }

    @Test
    void realVlRewardBenchAgreesWithTheNormalizedCopy() throws Exception {
        Path hf = BenchmarkFiles.file("vl_rewardbench/vl_rewardbench_hf_format.json");
        Path norm = BenchmarkFiles.file("vl_rewardbench/vl_rewardbench_pairs_normalized.jsonl");
        assumeTrue(hf != null && norm != null, "shared benchmark data not present");
        List<PairExample> pairs = PairReader.read(hf, ReadOptions.defaults()).pairs();
        List<String> lines = Files.readAllLines(norm);
        for (int i = 0; i < lines.size(); i++) {
            var n = RecordSource.JSON.readTree(lines.get(i));
            PairExample p = pairs.get(i);
            assertEquals(n.get("category").asText(), p.category(), "row " + i);
            assertEquals(
                    n.get("category_r1reward_script").asText(), p.source().get("category_r1reward_script"), "row " + i);
            String chosen = p.preferred() == Preference.ONE ? p.response1() : p.response2();
            assertEquals(n.get("chosen").asText(), chosen, "row " + i);
        }
    }

    @Test
    void realMmRlhfRewardBench() throws Exception {
        Path f = BenchmarkFiles.file("mm_rlhf_rewardbench/mm_reward_bench.jsonl");
        assumeTrue(f != null, "shared benchmark data not present");
        PairReader.Result r = PairReader.read(f, ReadOptions.defaults());
        assertEquals(Layout.MM_RLHF, r.layout());
        assertEquals(List.of(), r.problems());
        assertEquals(170, r.rows().size());
        assertEquals(46, r.pairs().stream().map(PairExample::groupId).distinct().count());
        assertEquals(
                Map.of("mcq", 42L, "long", 37L, "short", 34L, "safety", 32L, "video", 25L),
                counts(r, PairExample::category));
        assertEquals(170, r.pairs().stream().map(PairExample::id).distinct().count());
        // the "longer wins" anchor of spec/benchmarks.md §5: 122/170 = 71.76%
        long longer = r.pairs().stream()
                .filter(p -> p.response1().codePointCount(0, p.response1().length())
                        > p.response2().codePointCount(0, p.response2().length()))
                .count();
        assertEquals(122, longer);
    }

    private static Map<String, Long> counts(PairReader.Result r, Function<PairExample, String> key) {
        return r.pairs().stream().collect(Collectors.groupingBy(key, TreeMap::new, Collectors.counting()));
    }
}
