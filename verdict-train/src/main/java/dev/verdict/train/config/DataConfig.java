package dev.verdict.train.config;

/**
 * Which preference pairs a trainer reads.
 *
 * @param train the training file
 * @param layout file layout, or auto
 * @param imageRoot folder relative image paths resolve against
 * @param limit first N pairs only
 * @param skipBadRows whether unreadable rows are skipped instead of stopping the run
 */
public record DataConfig(
        @Doc("training pairs: JSONL, JSON or Parquet in any layout verdict reads")
        String train,

        @Doc("layout of the file: auto, verdict, r1-reward, vl-rewardbench, mm-rlhf, multimodal-rewardbench")
        String layout,

        @Doc("folder that relative image paths resolve against (empty = the data file's folder)")
        String imageRoot,

        @Doc("use only the first N pairs (0 = all)") int limit,

        @Doc("skip unreadable rows with a warning instead of stopping (each is still reported)")
        boolean skipBadRows) {

    public DataConfig {
        Check.require(train != null, "data.train must be set");
        Check.require(limit >= 0, "data.limit must be >= 0, got " + limit);
    }

    public static DataConfig of(String train) {
        return new DataConfig(train, "auto", "", 0, false);
    }
}
