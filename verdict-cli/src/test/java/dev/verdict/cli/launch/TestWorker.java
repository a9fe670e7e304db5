package dev.verdict.cli.launch;

import java.time.Duration;

/** A worker main for the launcher tests: prints its environment, fails on one rank, or waits to be stopped. */
public final class TestWorker {
    private TestWorker() {}

    public static void main(String[] args) throws InterruptedException {
        String rank = System.getenv("RANK");
        switch (args[0]) {
            case "env" -> {
                System.out.println("RANK=" + rank + " WORLD_SIZE=" + System.getenv("WORLD_SIZE") + " LOCAL_RANK="
                        + System.getenv("LOCAL_RANK") + " MASTER_ADDR=" + System.getenv("MASTER_ADDR")
                        + " OMP_WAIT_POLICY=" + System.getenv("OMP_WAIT_POLICY") + " arg=" + args[1]);
                System.err.println("stderr line of " + rank);
            }
            case "fail-at" -> {
                if (rank.equals(args[1])) {
                    System.err.println("rank " + rank + " fails");
                    System.exit(Integer.parseInt(args[2]));
                }
                Thread.sleep(Duration.ofSeconds(120));
            }
            case "sleep" -> Thread.sleep(Duration.ofSeconds(120));
            default -> throw new IllegalArgumentException(args[0]);
        }
    }
}
