package kindred.cli;

import kindred.library.people.People;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import kindred.application.Kindred;
import kindred.library.regions.ExportOptions;
import kindred.library.regions.FaceRegionSync;
import kindred.library.regions.FaceRegionSync.Conflict;
import kindred.library.regions.FaceRegionSync.ExportSummary;
import kindred.library.regions.FaceRegionSync.ExportedFile;
import kindred.library.regions.FaceRegionSync.ImportSummary;
import kindred.library.regions.FaceRegionSync.Selection;
import kindred.library.regions.SidecarNaming;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

/** {@code kindred xmp export | import}: names travel with the photos (docs/decisions/0005-xmp.md). Thin. */
@Command(name = "xmp", description = "Writes names into the photos' XMP as face regions, and reads the regions other programs wrote.",
        subcommands = {XmpCommand.Export.class, XmpCommand.Import.class})
final class XmpCommand {

    @ParentCommand
    KindredCommand root;

    /** How the sidecar is named: {@code --sidecar-name}. */
    enum Naming {
        auto(SidecarNaming.AUTO), full(SidecarNaming.FULL_NAME), base(SidecarNaming.BASE_NAME);

        final SidecarNaming naming;

        Naming(SidecarNaming naming) {
            this.naming = naming;
        }
    }

    @Command(name = "export", description = {
        "Writes the confirmed names into the photos' XMP as face regions and people keywords.",
        "MWG and Microsoft face regions and people keywords (Iptc4xmpExt:PersonInImage, lr:HierarchicalSubject "
                + "People|Name, digiKam:TagsList People/Name), in the orientation the photo is stored in.",
        "By default into a sidecar next to each photo (photo.jpg.xmp, or photo.xmp when only that one exists); "
                + "--embedded writes into the JPEG itself. Only Kindred's own regions and keywords are replaced; "
                + "everything else in the XMP is kept. Files are replaced atomically."})
    static final class Export implements Callable<Integer> {
        @ParentCommand
        XmpCommand xmp;

        @Option(names = "--sidecar", description = "Write XMP sidecars (the default when neither --sidecar nor --embedded is given).")
        boolean sidecar;

        @Option(names = "--embedded", description = "Write into the JPEG files themselves.")
        boolean embedded;

        @Option(names = "--dry-run", description = "Show what would change; write nothing.")
        boolean dryRun;

        @Option(names = "--sidecar-name", paramLabel = "auto|full|base", defaultValue = "auto",
                description = "full: photo.jpg.xmp; base: photo.xmp; auto (default): the one that exists, else photo.jpg.xmp.")
        Naming naming;

        @Option(names = "--photo", paramLabel = "PATH", description = "Only this photo.")
        Path photo;

        @Option(names = "--person", paramLabel = "NAME", description = "Only the photos where this person is named.")
        String person;

        @Override
        public Integer call() {
            KindredCommand root = xmp.root;
            boolean toSidecar = sidecar || !embedded;
            ExportOptions options = new ExportOptions(toSidecar, embedded, naming.naming, dryRun);
            Selection sel = new Selection(photo == null ? null : canonical(photo), person);
            ExportSummary s = root.services().regions(List.of()).export(sel, options);
            Output o = root.output();
            if (o.json()) {
                Map<String, Object> m = new LinkedHashMap<>();
                m.put("photos_written", s.photosWritten());
                m.put("regions_written", s.regionsWritten());
                m.put("files_written", s.filesWritten());
                m.put("photos_considered", s.photosConsidered());
                m.put("dry_run", s.dryRun());
                List<Map<String, Object>> files = new ArrayList<>();
                for (ExportedFile f : s.files()) {
                    Map<String, Object> fm = new LinkedHashMap<>();
                    fm.put("photo", f.photo());
                    fm.put("file", f.change().file().toString());
                    fm.put("created", f.change().created());
                    fm.put("regions_removed", f.change().regionsRemoved());
                    fm.put("regions_written", f.change().regionsWritten());
                    fm.put("names_added", f.change().namesAdded());
                    fm.put("names_removed", f.change().namesRemoved());
                    files.add(fm);
                }
                m.put("files", files);
                m.put("problems", s.problems());
                o.json(m);
            } else {
                String verb = dryRun ? "would write" : "wrote";
                for (ExportedFile f : s.files()) {
                    o.line("%s %s: %s (%d replaced)%s%s", verb, f.change().file(), kindred.library.Counted.of(f.change().regionsWritten(), "region"),
                            f.change().regionsRemoved(), f.change().created() ? ", new file" : "",
                            f.change().namesRemoved().isEmpty() ? "" : ", names removed: " + String.join(", ", f.change().namesRemoved()));
                }
                o.line("%s %s into %s (%s); %s considered%s.", dryRun ? "Would write" : "Wrote",
                        kindred.library.Counted.of(s.regionsWritten(), "region"), kindred.library.Counted.of(s.photosWritten(), "photo"),
                        kindred.library.Counted.of(s.filesWritten(), "file"), kindred.library.Counted.of(s.photosConsidered(), "photo"),
                        dryRun ? " (dry run: nothing written)" : "");
                s.problems().forEach(p -> root.err.println("kindred: " + p));
            }
            return 0;
        }
    }

    @Command(name = "import", description = {
        "Reads the names other programs wrote into the photos as face regions into the library.",
        "MWG and Microsoft regions, embedded and in photo.jpg.xmp / photo.xmp, and Picasa's .picasa.ini faces become "
                + "confirmed, imported names.",
        "A region names the detected face it overlaps; a region no face overlaps becomes a face of its own. Faces "
                + "that already have a different name are reported as conflicts and left alone. Unnamed regions are ignored."})
    static final class Import implements Callable<Integer> {
        @ParentCommand
        XmpCommand xmp;

        @Option(names = "--photo", paramLabel = "PATH", description = "Only this photo.")
        Path photo;

        @Option(names = "--picasa-contacts", paramLabel = "FILE",
                description = "Picasa's contacts.xml, naming the contact ids in .picasa.ini files (repeatable).")
        List<Path> picasaContacts = new ArrayList<>();

        @Option(names = "--on-scan", paramLabel = "on|off", description = "Also import the regions of new and changed photos after every scan (a library setting), then import now.")
        String onScan;

        @Override
        public Integer call() throws IOException {
            KindredCommand root = xmp.root;
            FaceRegionSync sync = root.services().regions(picasaContacts);
            if (onScan != null) {
                boolean on = switch (onScan.toLowerCase(java.util.Locale.ROOT)) {
                    case "on", "true", "yes" -> true;
                    case "off", "false", "no" -> false;
                    default -> throw new KindredCommand.UserError("--on-scan takes on or off, not " + onScan);
                };
                root.services().regions(List.of()).setImportOnScan(on);
            }
            ImportSummary s = sync.importRegions(new Selection(photo == null ? null : canonical(photo), null));
            Output o = root.output();
            if (o.json()) {
                Map<String, Object> m = new LinkedHashMap<>();
                m.put("photos_read", s.photosRead());
                m.put("regions_imported", s.regionsImported());
                m.put("regions_matched", s.regionsMatched());
                m.put("faces_created", s.facesCreated());
                m.put("regions_found", s.regionsFound());
                m.put("regions_known", s.regionsKnown());
                m.put("regions_unnamed", s.unnamedRegions());
                List<Map<String, Object>> conflicts = new ArrayList<>();
                for (Conflict c : s.conflicts()) {
                    Map<String, Object> cm = new LinkedHashMap<>();
                    cm.put("photo", c.photo());
                    cm.put("face", c.faceId());
                    cm.put("names", c.names());
                    cm.put("reason", c.reason());
                    conflicts.add(cm);
                }
                m.put("conflicts", conflicts);
                m.put("problems", s.problems());
                o.json(m);
            } else {
                o.line("Read %s: %s, %d imported (%d on detected faces, %s), %d already known, %d unnamed ignored.",
                        kindred.library.Counted.of(s.photosRead(), "photo"), kindred.library.Counted.of(s.regionsFound(), "named region"),
                        s.regionsImported(), s.regionsMatched(), kindred.library.Counted.of(s.facesCreated(), "new face"),
                        s.regionsKnown(), s.unnamedRegions());
                for (Conflict c : s.conflicts()) {
                    o.line("conflict: %s%s: %s", c.photo(), c.faceId() == null ? "" : " face " + c.faceId(), c.reason());
                }
                s.problems().forEach(p -> root.err.println("kindred: " + p));
            }
            return 0;
        }
    }

    private static String canonical(Path p) {
        try {
            return p.toRealPath().toString();
        } catch (IOException e) {
            return p.toAbsolutePath().normalize().toString();
        }
    }
}
