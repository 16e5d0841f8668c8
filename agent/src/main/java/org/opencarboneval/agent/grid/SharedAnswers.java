package org.opencarboneval.agent.grid;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumSet;
import java.util.HexFormat;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;

/**
 * A provider's answers shared by the processes that reach one directory ({@code intensity.share}): the ranks of a job
 * (and any other job of the same user asking the same provider, at the same address, for the same zone) poll one grid,
 * so a poll first looks for an answer another one fetched less than half a refresh ago, in a file of the user's in that
 * directory, and only fetches when there is none; a whole answer it fetched is left there for the others. With polls
 * spread at random over the refresh ({@link PollSchedule}), the processes sharing a directory ask the provider about
 * twice a refresh, however many there are: those of a node by default (the JVM's temporary directory), those of a
 * whole job given one that all its nodes mount. A process alone still asks at every poll. The file is written whole (a
 * temporary file renamed over it, at once on a network file system's server too, though its clients may see the new
 * one only when their caches expire) and read only if it is this user's own regular file; one that cannot be read is
 * no answer. What keeps a process from sharing (a directory it cannot write, a file of another user's, answers from a
 * clock too far ahead) is said once each, the process then asking for itself.
 */
public final class SharedAnswers implements IntensityProvider {

    /** Far more than a 72-hour, 5-minute forecast takes as written here (about 70 kB); a longer file is no answer. */
    private static final int MOST_BYTES = 4 * 1024 * 1024;
    /**
     * How far ahead of this clock another node's may be and its answer still taken: synchronised clocks differ by
     * milliseconds, a clock set back by more than this takes nothing from its future.
     */
    static final Duration CLOCK_SKEW = Duration.ofSeconds(30);

    /** What keeps a process from sharing, each said once. */
    private enum Problem { UNWRITABLE, FOREIGN, AHEAD }

    private final IntensityProvider provider;
    /** The user whose file it is: the name it carries and the owner it must have. */
    private final ProcessUser user;
    private final Path file;
    private final Duration fresh;
    private final Consumer<String> console;
    private final Set<Problem> said = EnumSet.noneOf(Problem.class);

    /**
     * Answers of {@code provider}, asked at {@code address}: the same zone through a proxy or a stand-in is another
     * question, so another file.
     */
    SharedAnswers(IntensityProvider provider, URI address, Path directory, Duration refresh, Consumer<String> console) {
        this(provider, address, directory, refresh, console, ProcessUser.current());
    }

    /** As this user, whose name the file carries and who must own it. */
    SharedAnswers(IntensityProvider provider, URI address, Path directory, Duration refresh, Consumer<String> console,
                  ProcessUser user) {
        this.provider = provider;
        this.user = user;
        String question = provider.describe() + " at " + address;
        this.file = directory.resolve("opencarboneval-grid-" + user.name() + "-" + digest(question) + ".json");
        this.fresh = refresh.dividedBy(2);
        this.console = console;
    }

    @Override
    public String describe() {
        return provider.describe();
    }

    @Override
    public ProviderAnswer fetch(Instant now) throws IntensityException {
        Optional<ProviderAnswer> shared = sharedFresh(now);
        if (shared.isPresent()) {
            return shared.get();
        }
        ProviderAnswer answer = provider.fetch(now);
        if (answer.lacking().isEmpty() && answer.answersFor(now)) {
            share(answer, now);
        }
        return answer;
    }

    /**
     * An answer fetched from half a refresh before {@code now} to {@code now}, give or take {@link #CLOCK_SKEW} (a
     * clock set back by more finds none).
     */
    private Optional<ProviderAnswer> sharedFresh(Instant now) {
        try {
            if (!Files.isRegularFile(file, LinkOption.NOFOLLOW_LINKS)) {
                return Optional.empty();
            }
            if (!user.owns(file)) {
                sayOnce(Problem.FOREIGN, "the grid's answers shared through " + file + " belong to "
                    + ProcessUser.ownerName(file) + ", not to " + user.name() + " (another user's, or written through"
                    + " a file system that maps users, as NFS maps root to nobody): they are not taken, and each"
                    + " process asks " + provider.describe() + " for itself");
                return Optional.empty();
            }
            String json;
            try (InputStream in = Files.newInputStream(file, StandardOpenOption.READ, LinkOption.NOFOLLOW_LINKS)) {
                json = new String(in.readNBytes(MOST_BYTES), StandardCharsets.UTF_8);
            }
            Optional<AnswerJson.Shared> read = AnswerJson.read(json);
            if (read.isPresent() && read.get().fetchedAt().isAfter(now.plus(CLOCK_SKEW))) {
                sayOnce(Problem.AHEAD, "the grid's answers shared through " + file + " were fetched "
                    + Duration.between(now, read.get().fetchedAt()).toSeconds() + " s ahead of this process's clock"
                    + " (another node's clock is ahead, or this one was set back): they are not taken, and this "
                    + "process asks " + provider.describe() + " for itself while they are");
                return Optional.empty();
            }
            return read.filter(a -> !a.fetchedAt().isBefore(now.minus(fresh))).map(AnswerJson.Shared::answer);
        } catch (IOException | RuntimeException unreadable) {
            return Optional.empty(); // no answer to share: this process asks for itself
        }
    }

    private void share(ProviderAnswer answer, Instant fetchedAt) {
        Path written = null;
        try {
            written = Files.createTempFile(file.getParent(), file.getFileName().toString(), ".tmp");
            Files.writeString(written, AnswerJson.write(answer, fetchedAt), StandardCharsets.UTF_8,
                StandardOpenOption.TRUNCATE_EXISTING);
            Files.move(written, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException | RuntimeException e) {
            deleteQuietly(written);
            sayOnce(Problem.UNWRITABLE, "cannot share the grid's answers with other processes through " + file + ": "
                + e + "; each asks " + provider.describe() + " for itself");
        }
    }

    /** Each problem is said the first time only: it would be the same for as long as the process runs. */
    private void sayOnce(Problem problem, String line) {
        if (said.add(problem)) {
            console.accept(line);
        }
    }

    private static void deleteQuietly(Path path) {
        if (path != null) {
            try {
                Files.deleteIfExists(path);
            } catch (IOException ignored) {
                // a temporary file left behind costs a few kilobytes
            }
        }
    }

    private static String digest(String text) {
        try {
            byte[] hash = MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(hash, 0, 8);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }
}
