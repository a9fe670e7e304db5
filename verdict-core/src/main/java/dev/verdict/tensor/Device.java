package dev.verdict.tensor;

import java.util.Locale;
import org.bytedeco.pytorch.global.torch;
import org.bytedeco.pytorch.global.torch.DeviceType;

/** Where tensors live: the CPU or one CUDA device. */
public record Device(Kind kind, int index) {
    public enum Kind {
        CPU,
        CUDA
    }

    public static final Device CPU = new Device(Kind.CPU, 0);

    public static Device cuda(int index) {
        return new Device(Kind.CUDA, index);
    }

    /** CUDA device 0 when libtorch sees a GPU, else the CPU. */
    public static Device auto() {
        return cudaAvailable() ? cuda(0) : CPU;
    }

    public static boolean cudaAvailable() {
        try {
            return torch.cuda_is_available();
        } catch (Throwable t) {
            return false;
        }
    }

    /** Parses {@code cpu}, {@code cuda}, {@code cuda:1} or {@code auto}. */
    public static Device parse(String s) {
        String v = s.trim().toLowerCase(Locale.ROOT);
        if (v.equals("auto")) {
            return auto();
        }
        if (v.equals("cpu")) {
            return CPU;
        }
        if (v.equals("cuda")) {
            return cuda(0);
        }
        if (v.startsWith("cuda:")) {
            return cuda(Integer.parseInt(v.substring(5)));
        }
        throw new IllegalArgumentException("unknown device \"" + s + "\" (use cpu, cuda, cuda:N or auto)");
    }

    /** The libtorch device object (allocates a small native object). */
    public org.bytedeco.pytorch.Device toTorch() {
        return kind == Kind.CPU
                ? new org.bytedeco.pytorch.Device(DeviceType.CPU)
                : new org.bytedeco.pytorch.Device(DeviceType.CUDA, (byte) index);
    }

    @Override
    public String toString() {
        return kind == Kind.CPU ? "cpu" : "cuda:" + index;
    }
}
