package kindred.cli;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import kindred.application.Kindred;
import kindred.library.ModelFileInfo;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

@Command(name = "models", description = {"The model packs the library can use, their files, checksums and licences.",
        "  models [list]                 What is pinned and what is present.",
        "  models verify                 Checks every present file's SHA-256 again.",
        "  models install --from DIR     Installs an optional pack's files from a folder (hash-checked).",
        "  models download PACK          Downloads an optional pack from its pinned address (the only network use)."})
final class ModelsCommand implements Callable<Integer> {

    @ParentCommand
    KindredCommand root;

    @Parameters(index = "0", arity = "0..1", paramLabel = "ACTION", defaultValue = "list",
            description = "list (default), verify, install or download.")
    String action;

    @Parameters(index = "1", arity = "0..1", paramLabel = "PACK", description = "For download: the pack name (yunet).")
    String pack;

    @Option(names = "--from", paramLabel = "DIR", description = "For install: folder holding the model files.")
    Path from;

    @Override
    public Integer call() throws Exception {
        Kindred s = root.services();
        List<ModelFileInfo> files = switch (action) {
            case "list" -> s.models().models();
            case "verify" -> s.models().verify();
            case "install" -> {
                if (from == null) {
                    throw new KindredCommand.UserError("`models install` needs --from DIR (a folder with the model files).");
                }
                s.models().installFrom(from);
                yield s.models().models();
            }
            case "download" -> {
                s.models().download(pack == null ? "yunet" : pack);
                yield s.models().models();
            }
            default -> throw new KindredCommand.UserError("Unknown models action `" + action
                    + "`: use list, verify, install --from DIR or download PACK.");
        };
        Output o = root.output();
        if (o.json()) {
            o.json(files.stream().map(ModelsCommand::json).toList());
        } else {
            o.line("Active pack: %s", s.models().activePack());
            for (ModelFileInfo f : files) {
                o.line("%-8s %-9s %-36s %-10s %s  %s", f.pack(), f.role(), f.file(), f.license(),
                        f.present() ? "present" : "missing", f.sha256());
            }
        }
        boolean bad = "verify".equals(action) && files.stream().anyMatch(f -> "default".equals(f.pack()) && !f.present());
        return bad ? 1 : 0;
    }

    static Map<String, Object> json(ModelFileInfo f) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("pack", f.pack());
        m.put("role", f.role());
        m.put("file", f.file());
        m.put("sha256", f.sha256());
        m.put("license", f.license());
        m.put("present", f.present());
        m.put("id", f.id());
        m.put("origin", f.origin());
        return m;
    }
}
