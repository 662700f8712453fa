package kindred.cli;

import picocli.CommandLine.Command;

@Command(name = "eval", description = "Measures the product's accuracy on public benchmarks.",
        subcommands = {})
final class EvalCommand {
}
