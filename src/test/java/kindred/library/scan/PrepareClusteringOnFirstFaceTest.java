package kindred.library.scan;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.reflect.Proxy;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import kindred.library.IndexProgress;
import kindred.library.PeopleService;
import org.junit.jupiter.api.Test;

/**
 * The listener's own behaviour: when it starts the preparation and that it passes progress on. What the preparation
 * does is {@code PeopleTest}'s (a real library); here the people service only records the calls.
 */
class PrepareClusteringOnFirstFaceTest {

    private final List<String> calls = new CopyOnWriteArrayList<>();
    private final PeopleService people = (PeopleService) Proxy.newProxyInstance(getClass().getClassLoader(),
            new Class<?>[] {PeopleService.class}, (proxy, method, args) -> {
                calls.add(method.getName() + " on " + Thread.currentThread().getName());
                return null;
            });
    private final List<IndexProgress> passedOn = new CopyOnWriteArrayList<>();
    private final PrepareClusteringOnFirstFace listener = new PrepareClusteringOnFirstFace(people, passedOn::add);

    private static IndexProgress progress(int photosDone, int facesFound) {
        return new IndexProgress(photosDone, 10, facesFound, 0, 1.0, 5, "running");
    }

    @Test
    void aRunThatHasFoundNoFaceStartsNothing() throws Exception {
        listener.accept(progress(0, 0));
        listener.accept(progress(3, 0));

        assertThat(listener.awaitPrepared()).isFalse();
        assertThat(calls).isEmpty();
    }

    @Test
    void theFirstFaceStartsThePreparationOnceOnAThreadOfItsOwn() throws Exception {
        listener.accept(progress(1, 0));
        listener.accept(progress(2, 3));
        listener.accept(progress(3, 7));

        assertThat(listener.awaitPrepared()).isTrue();
        assertThat(calls).containsExactly("prepareClustering on kindred-prepare-clustering");
    }

    @Test
    void everyProgressIsPassedOnInOrder() {
        List<IndexProgress> sent = List.of(progress(1, 0), progress(2, 3), progress(3, 7));
        sent.forEach(listener);

        assertThat(passedOn).containsExactlyElementsOf(sent);
    }
}
