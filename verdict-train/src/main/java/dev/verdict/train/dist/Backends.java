package dev.verdict.train.dist;

import dev.verdict.tensor.Device;
import java.time.Duration;
import org.bytedeco.javacpp.chrono.Milliseconds;
import org.bytedeco.pytorch.Backend;
import org.bytedeco.pytorch.ProcessGroupGloo;
import org.bytedeco.pytorch.Store;
import org.bytedeco.pytorch.TCPStore;
import org.bytedeco.pytorch.TCPStoreOptions;

/**
 * Creates the c10d pieces: the TCP rendezvous store (hosted by rank 0) and the process group (Gloo for CPU
 * tensors, NCCL for CUDA tensors).
 */
final class Backends {
    private Backends() {}

    /**
     * Rank 0 listens on {@code masterPort} (all interfaces); the others connect, retrying until the timeout.
     * Does not wait for the other ranks: the process group's own rendezvous does.
     */
    static TCPStore store(DistEnv env, Duration timeout) {
        TCPStoreOptions o = new TCPStoreOptions();
        o.port((short) env.masterPort());
        o.isServer(env.rank() == 0);
        o.waitWorkers(false);
        o.timeout(new Milliseconds(timeout.toMillis()));
        return new TCPStore(env.masterAddr(), o);
    }

    /** The process group for tensors on {@code device}; blocks until every rank has joined. */
    static Backend processGroup(Store store, DistEnv env, Device device, Duration timeout) {
        if (device.kind() == Device.Kind.CUDA) {
            return NcclBackend.create(store, env.rank(), env.worldSize(), timeout);
        }
        ProcessGroupGloo.Options o = ProcessGroupGloo.Options.create(new Milliseconds(timeout.toMillis()));
        o.devices().push_back(glooDevice(env));
        return new ProcessGroupGloo(store, env.rank(), env.worldSize(), o);
    }

    /**
     * The network interface Gloo uses: loopback for a single-node job on 127.0.0.1/localhost, the interface
     * named by {@code GLOO_SOCKET_IFNAME} when set, else the one this host's name resolves to.
     */
    private static org.bytedeco.pytorch.gloo.Device glooDevice(DistEnv env) {
        String ifname = System.getenv("GLOO_SOCKET_IFNAME");
        if (ifname != null && !ifname.isBlank()) {
            return ProcessGroupGloo.createDeviceForInterface(ifname.trim());
        }
        String addr = env.masterAddr();
        if (addr.equals("localhost") || addr.startsWith("127.")) {
            return ProcessGroupGloo.createDeviceForHostname("127.0.0.1");
        }
        return ProcessGroupGloo.createDefaultDevice();
    }
}
