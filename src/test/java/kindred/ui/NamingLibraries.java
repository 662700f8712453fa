package kindred.ui;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import kindred.app.Services;
import kindred.library.FaceInfo;
import kindred.library.FaceQuery;
import kindred.library.PeopleService.PersonSummary;

/**
 * Libraries from an "earlier session" for the naming and keyboard window tests: synthetic photos (one face each, near
 * one of a few identities) clustered into unnamed groups, some named. Written before the window opens on them.
 */
final class NamingLibraries {

    private NamingLibraries() {
    }

    /**
     * Unnamed groups of {@code sizes[i]} faces of identity i, clustered, in {@code tmp}/library (photos in
     * {@code tmp}/Family); identities in {@code named} are named with the given names. Returns each group's face ids.
     */
    static List<List<Long>> groups(Path tmp, int[] sizes, String... named) throws Exception {
        List<List<Long>> out = new ArrayList<>();
        try (Services earlier = new Services(tmp.resolve("library"))) {
            SyntheticPhotos photos = new SyntheticPhotos(earlier, tmp.resolve("Family"), sizes.length);
            for (int who = 0; who < sizes.length; who++) {
                List<Long> ids = new ArrayList<>();
                for (int i = 0; i < sizes[who]; i++) {
                    ids.add(photos.face(who));
                }
                out.add(ids);
            }
            earlier.people().clusterNewFaces();
            for (int who = 0; who < named.length; who++) {
                Long cluster = clusterOf(earlier, out.get(who).get(0));
                earlier.people().nameCluster(cluster, named[who]);
            }
        }
        return out;
    }

    /**
     * "Ann" named as a group of 3 faces, then {@code fresh} new faces of hers, clustered and suggested for her, none
     * decided; returns the new faces' ids.
     */
    static List<Long> annWithSuggestions(Path tmp, int fresh) throws Exception {
        List<Long> out = new ArrayList<>();
        try (Services earlier = new Services(tmp.resolve("library"))) {
            SyntheticPhotos photos = new SyntheticPhotos(earlier, tmp.resolve("Family"), 1);
            long first = photos.face(0);
            photos.face(0);
            photos.face(0);
            earlier.people().clusterNewFaces();
            earlier.people().nameCluster(clusterOf(earlier, first), "Ann");
            for (int i = 0; i < fresh; i++) {
                out.add(photos.face(0));
            }
            earlier.people().clusterNewFaces();
        }
        return out;
    }

    static Long clusterOf(Services services, long faceId) {
        return services.queries().facesById(List.of(faceId)).get(0).clusterId();
    }

    /** The ids of {@code person}'s confirmed faces, sorted. */
    static List<Long> facesOf(kindred.application.Kindred services, String person) {
        if (services.people().people(true).stream().noneMatch(p -> p.name().equals(person))) {
            return List.of(); // not named yet: a test waiting for the name keeps waiting instead of failing at once
        }
        return services.people().facesOf(person).stream().filter(f -> f.state() == kindred.model.State.CONFIRMED)
                .map(FaceInfo::id).sorted().toList();
    }

    /** Everyone's names, sorted. */
    static List<String> names(kindred.application.Kindred services) {
        return services.people().people(true).stream().map(PersonSummary::name).sorted().toList();
    }

    /** Every face of the library, as the window would read it. */
    static List<FaceInfo> faces(kindred.application.Kindred services) {
        return services.queries().faces(FaceQuery.all());
    }
}
