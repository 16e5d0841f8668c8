package org.opencarboneval.agent.grid;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Ranks on one machine share what one of them fetched from the provider: a stand-in Electricity Maps (two requests a
 * poll, latest and forecast) and a 5-minute refresh, so an answer is shared for 2.5 minutes.
 */
class SharedAnswersTest {

    private static final Instant NOW = Instant.parse("2026-12-02T18:33:00Z");
    private static final Duration REFRESH = Duration.ofMinutes(5);

    @TempDir
    Path machine;

    private final List<String> console = new ArrayList<>();
    private StandInServer server;

    @AfterEach
    void stop() {
        server.close();
    }

    @Test
    void aRankTakesTheAnswerAnotherFetchedWithinHalfARefresh() throws Exception {
        server = new StandInServer(r -> ElectricityMapsProviderTest.electricityMaps(r, 200));
        IntensityProvider first = rank(machine);
        IntensityProvider second = rank(machine);

        ProviderAnswer fetched = first.fetch(NOW);
        ProviderAnswer taken = second.fetch(NOW.plusSeconds(60));
        assertEquals(2, server.requests().size(), "the second rank asked nobody");
        assertEquals(fetched.timeline().points(), taken.timeline().points());
        assertEquals(fetched.checked(), taken.checked());
        assertEquals(Optional.empty(), taken.lacking());

        second.fetch(NOW.plusSeconds(151));
        assertEquals(4, server.requests().size(), "older than half a refresh: asked again");
        first.fetch(NOW.plusSeconds(200));
        assertEquals(4, server.requests().size(), "and shared again");
        second.fetch(NOW.plusSeconds(100));
        assertEquals(6, server.requests().size(), "a clock set back takes no answer from its future");
        assertEquals(1, console.size(), console.toString());
        assertTrue(console.get(0).endsWith(" were fetched 51 s ahead of this process's clock (another node's clock is"
            + " ahead, or this one was set back): they are not taken, and this process asks electricitymaps DE for "
            + "itself while they are"), console.get(0));
    }

    /** Nodes sharing a directory over the network have clocks apart by milliseconds, at worst seconds. */
    @Test
    void anotherNodesClockAFewSecondsAheadStillShares() throws Exception {
        server = new StandInServer(r -> ElectricityMapsProviderTest.electricityMaps(r, 200));
        rank(machine).fetch(NOW);
        rank(machine).fetch(NOW.minusSeconds(20));
        rank(machine).fetch(NOW.minus(SharedAnswers.CLOCK_SKEW));
        assertEquals(2, server.requests().size(), "taken from a clock 20 s ahead, and 30");
        assertEquals(List.of(), console);
        rank(machine).fetch(NOW.minus(SharedAnswers.CLOCK_SKEW).minusSeconds(1));
        assertEquals(4, server.requests().size(), "but not from one further ahead than the skew allowed");
        assertEquals(1, console.size(), "said: " + console);
    }

    @Test
    void aProcessAloneAsksAtEveryPoll() throws Exception {
        server = new StandInServer(r -> ElectricityMapsProviderTest.electricityMaps(r, 200));
        IntensityProvider alone = rank(machine);
        for (int poll = 0; poll < 3; poll++) {
            alone.fetch(NOW.plus(REFRESH.multipliedBy(9).dividedBy(10).multipliedBy(poll)));
        }
        assertEquals(6, server.requests().size(), "polls 0.9 refresh apart, the soonest the schedule gives");
    }

    /** The same zone from another address (a proxy, a stand-in) is another question: nothing is shared. */
    @Test
    void anotherAddressIsAnotherAnswer() throws Exception {
        server = new StandInServer(r -> ElectricityMapsProviderTest.electricityMaps(r, 200));
        try (StandInServer other = new StandInServer(r -> ElectricityMapsProviderTest.electricityMaps(r, 200))) {
            rank(machine).fetch(NOW);
            new SharedAnswers(electricityMaps(other.base()), other.base(), machine, REFRESH, console::add)
                .fetch(NOW.plusSeconds(10));
            assertEquals(2, other.requests().size());
        }
    }

    /** An answer lacking its forecast is not left for the others: each would count a failure that is not its own. */
    @Test
    void aPartialAnswerIsNotShared() throws Exception {
        server = new StandInServer(r -> r.path().endsWith("forecast") ? StandInServer.Answer.status(503, "")
            : ElectricityMapsProviderTest.electricityMaps(r, 200));
        rank(machine).fetch(NOW);
        ProviderAnswer second = rank(machine).fetch(NOW.plusSeconds(10));
        assertTrue(second.lacking().isPresent(), "fetched, and lacking, by the second rank itself");
        assertEquals(4, server.requests().size());
    }

    /** A link where the shared file goes is not followed: the rank asks for itself. */
    @Test
    void aLinkInPlaceOfTheFileIsNotRead() throws Exception {
        server = new StandInServer(r -> ElectricityMapsProviderTest.electricityMaps(r, 200));
        Path elsewhere = Files.createDirectory(machine.resolve("elsewhere"));
        rank(elsewhere).fetch(NOW);
        Path shared;
        try (var files = Files.list(elsewhere)) {
            shared = files.filter(f -> f.toString().endsWith(".json")).findFirst().orElseThrow();
        }
        Files.createSymbolicLink(machine.resolve(shared.getFileName()), shared);

        rank(machine).fetch(NOW.plusSeconds(10));
        assertEquals(4, server.requests().size(), "the fresh answer behind the link was not taken");
    }

    /**
     * A file under this user's name owned by another (NFS root_squash makes a root job's own file nobody's) is not
     * taken, said once: here the file is the test's, and the rank believes it runs as alice.
     */
    @Test
    void anAnswerFileOfAnotherUsersIsNotTakenAndSaidOnce() throws Exception {
        server = new StandInServer(r -> ElectricityMapsProviderTest.electricityMaps(r, 200));
        rank(machine).fetch(NOW);
        Path mine;
        try (var files = Files.list(machine)) {
            mine = files.filter(f -> f.toString().endsWith(".json")).findFirst().orElseThrow();
        }
        String me = Files.getOwner(mine).getName();
        Path alices = Files.copy(mine, machine.resolve(mine.getFileName().toString()
            .replace("opencarboneval-grid-" + System.getProperty("user.name") + "-", "opencarboneval-grid-alice-")));

        IntensityProvider alice = new SharedAnswers(electricityMaps(server.base()), server.base(), machine, REFRESH,
            console::add, new ProcessUser("alice", OptionalInt.of(ProcessUser.current().uid().orElseThrow() + 1)));
        alice.fetch(NOW.plusSeconds(10));
        alice.fetch(NOW.plusSeconds(20));
        assertEquals(6, server.requests().size(), "alice asked for herself at both polls");
        assertEquals(List.of("the grid's answers shared through " + alices + " belong to " + me + ", not to alice "
            + "(another user's, or written through a file system that maps users, as NFS maps root to nobody): they "
            + "are not taken, and each process asks electricitymaps DE for itself"), console);
    }

    /**
     * A container run as a uid with no passwd entry has the user name "?" in Java and files owned by the number: its
     * ranks name the file by the uid and take each other's answers, said nowhere.
     */
    @Test
    void ranksOfAUidWithoutANameShareByTheUid() throws Exception {
        server = new StandInServer(r -> ElectricityMapsProviderTest.electricityMaps(r, 200));
        ProcessUser nameless = ProcessUser.named("?", ProcessUser.current().uid());
        for (int rank = 0; rank < 2; rank++) {
            new SharedAnswers(electricityMaps(server.base()), server.base(), machine, REFRESH, console::add, nameless)
                .fetch(NOW.plusSeconds(10 * rank));
        }
        assertEquals(2, server.requests().size(), "the second rank took the first's answer");
        try (var files = Files.list(machine)) {
            assertTrue(files.anyMatch(f -> f.getFileName().toString().startsWith(
                "opencarboneval-grid-uid" + nameless.uid().orElseThrow() + "-")));
        }
        assertEquals(List.of(), console);
    }

    /**
     * A share directory that is not there yet (not mounted, a typo) costs sharing, said at the first answer to share;
     * a later problem of another kind (answers from a clock ahead) is said too, each once.
     */
    @Test
    void aMissingDirectoryIsSaidAtTheFirstAnswerAndAnotherProblemOnItsOwn() throws Exception {
        server = new StandInServer(r -> ElectricityMapsProviderTest.electricityMaps(r, 200));
        Path share = machine.resolve("not-yet-mounted");
        IntensityProvider rank = rank(share);
        rank.fetch(NOW);
        assertEquals(1, console.size(), console.toString());
        assertTrue(console.get(0).startsWith("cannot share the grid's answers with other processes through " + share),
            console.get(0));

        Files.createDirectory(share);
        rank(share).fetch(NOW.plusSeconds(100));
        rank.fetch(NOW.plusSeconds(10));
        rank.fetch(NOW.plusSeconds(20));
        assertEquals(2, console.size(), console.toString());
        assertTrue(console.get(1).contains(" were fetched 90 s ahead of this process's clock"), console.get(1));
    }

    @Test
    void aDirectoryThatCannotHoldTheFileIsSaidOnceAndEachRankAsksForItself() throws Exception {
        server = new StandInServer(r -> ElectricityMapsProviderTest.electricityMaps(r, 200));
        Path notADirectory = Files.writeString(machine.resolve("a-file"), "");
        IntensityProvider rank = rank(notADirectory);
        rank.fetch(NOW);
        rank.fetch(NOW.plusSeconds(10));

        assertEquals(4, server.requests().size());
        assertEquals(1, console.size(), console.toString());
        assertTrue(console.get(0).startsWith("cannot share the grid's answers with other processes through "
            + notADirectory), console.get(0));
        assertTrue(console.get(0).endsWith("; each asks electricitymaps DE for itself"), console.get(0));
    }

    @Test
    void anAnswerReadsBackAsItWasWrittenAndAnythingElseIsNoAnswer() throws Exception {
        server = new StandInServer(r -> ElectricityMapsProviderTest.electricityMaps(r, 200));
        ProviderAnswer answer = electricityMaps(server.base()).fetch(NOW);
        AnswerJson.Shared read = AnswerJson.read(AnswerJson.write(answer, NOW)).orElseThrow();

        assertEquals(answer.timeline().points(), read.answer().timeline().points());
        assertEquals(NOW, read.fetchedAt());
        assertEquals(Optional.empty(), AnswerJson.read("{\"fetched_at\": \"yesterday\", \"points\": []}"));
        assertEquals(Optional.empty(), AnswerJson.read("{\"points\": [{\"from\": \"2026-12-02T18:00:00Z\"}"));
    }

    private IntensityProvider rank(Path directory) {
        return new SharedAnswers(electricityMaps(server.base()), server.base(), directory, REFRESH, console::add);
    }

    private ElectricityMapsProvider electricityMaps(URI base) {
        return ElectricityMapsProviderTest.standIn(base, console::add);
    }
}
