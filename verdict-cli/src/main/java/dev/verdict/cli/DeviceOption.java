package dev.verdict.cli;

import dev.verdict.tensor.Device;
import picocli.CommandLine.Option;

/** {@code --device}, for every command that can load a local model. */
final class DeviceOption {
    @Option(
            names = "--device",
            defaultValue = "cpu",
            description = "where a local model runs: cpu, cuda, cuda:N or auto (default: ${DEFAULT-VALUE})")
    String device;

    /** The parsed device. */
    Device device() {
        return Device.parse(device);
    }
}
