package dev.verdict.cli;

import picocli.CommandLine;

/** Reports the verdict version from the jar manifest (or "dev" when run from classes). */
final class VersionProvider implements CommandLine.IVersionProvider {
    @Override
    public String[] getVersion() {
        String v = VerdictCli.class.getPackage().getImplementationVersion();
        return new String[] {"verdict " + (v == null ? "dev" : v)};
    }
}
