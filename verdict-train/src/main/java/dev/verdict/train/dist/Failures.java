package dev.verdict.train.dist;

import java.util.ArrayList;
import java.util.List;

/** Turns a failed rendezvous or collective into a {@link DistributedException} that names the missing ranks. */
final class Failures {
    private Failures() {}

    /**
     * Builds the exception for collective number {@code op} of this rank.
     *
     * @param board where the other ranks were last seen (read now; the store may be gone)
     * @param timeout "within 300 s" when the operation ran into the timeout, else "" (a peer failed fast)
     */
    static DistributedException of(
            DistEnv env, ArrivalBoard board, long op, String stage, String timeout, Throwable cause) {
        String why = brief(cause);
        List<ArrivalBoard.Arrival> others;
        try {
            others = board.others();
        } catch (RuntimeException storeDown) {
            return storeUnreachable(env, stage, why, cause);
        }
        List<Integer> missing = new ArrayList<>();
        StringBuilder msg = new StringBuilder();
        for (ArrivalBoard.Arrival a : others) {
            if (a.op() < op) {
                missing.add(a.rank());
                msg.append(msg.isEmpty() ? "" : "; ")
                        .append("rank ")
                        .append(a.rank())
                        .append(" did not reach '")
                        .append(stage)
                        .append("'")
                        .append(timeout.isEmpty() ? "" : " " + timeout)
                        .append(" (it exited or is stuck; last seen at '")
                        .append(a.stage())
                        .append("')");
            }
        }
        if (missing.isEmpty()) {
            msg.append("rank ")
                    .append(env.rank())
                    .append(": '")
                    .append(stage)
                    .append("' failed although every rank arrived (a peer died during it?)");
        }
        msg.append(" [").append(why).append(']');
        return new DistributedException(msg.toString(), stage, missing, cause);
    }

    /** The store on rank 0 cannot be reached: rank 0 has exited (or the network is down). */
    static DistributedException storeUnreachable(DistEnv env, String stage, String why, Throwable cause) {
        String msg = "rank 0 did not reach '" + stage + "': its rendezvous store at " + env.masterAddr() + ":"
                + env.masterPort() + " is unreachable (rank 0 exited?) [" + why + "]";
        return new DistributedException(msg, stage, env.rank() == 0 ? List.of() : List.of(0), cause);
    }

    /** The first line of a native error, without the C++ source path prefix. */
    static String brief(Throwable t) {
        String m = t.getMessage() == null ? t.getClass().getSimpleName() : t.getMessage();
        int nl = m.indexOf('\n');
        String line = (nl < 0 ? m : m.substring(0, nl)).trim();
        if (line.startsWith("[") && line.indexOf("] ") > 0) {
            line = line.substring(line.indexOf("] ") + 2);
        }
        return line;
    }
}
