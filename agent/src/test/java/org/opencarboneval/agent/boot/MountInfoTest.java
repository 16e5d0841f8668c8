package org.opencarboneval.agent.boot;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;

import org.junit.jupiter.api.Test;

/** The mountinfo reading on sample text in the kernel's format (proc(5)). */
class MountInfoTest {

    private static final String MOUNTS = String.join("\n",
        "22 1 8:1 / / rw,relatime shared:1 - ext4 /dev/sda1 rw",
        "30 22 0:27 / /tmp rw,nosuid,nodev,noexec,relatime shared:5 - tmpfs tmpfs rw",
        "31 30 0:28 / /tmp/build rw,nosuid,relatime shared:6 - tmpfs tmpfs rw",
        "32 22 0:29 / /data/my\\040disk rw,noexec - ext4 /dev/sdb1 rw",
        "33 22 0:30 / /home rw,noexec - ext4 /dev/sdc1 rw",
        "34 22 0:31 / /home rw,relatime - ext4 /dev/sdc1 rw",
        "garbage");

    private static boolean allowsExec(String path) {
        return MountInfo.allowsExec(Path.of(path), MOUNTS);
    }

    @Test
    void noexecAmongOtherOptionsForbids() {
        assertFalse(allowsExec("/tmp"));
        assertFalse(allowsExec("/tmp/opencarboneval-root/1a2b-99"));
        assertTrue(allowsExec("/var/tmp"));
    }

    @Test
    void theLongestMountPointWinsAndOnlyWholeNamesArePrefixes() {
        assertTrue(allowsExec("/tmp/build/x"));
        assertFalse(allowsExec("/tmp/buildings"));
        assertTrue(allowsExec("/tmpfs"));
    }

    @Test
    void aMountPointWithAnEscapedSpaceIsMatchedDecoded() {
        assertFalse(allowsExec("/data/my disk/cache"));
        assertTrue(allowsExec("/data/my"));
        assertEquals("/a b\\c", MountInfo.unescape("/a\\040b\\134c"));
    }

    @Test
    void aPointMountedOverIsJudgedByTheLaterMount() {
        assertTrue(allowsExec("/home/user/.cache"));
    }

    @Test
    void unreadableOrUnmatchedMeansAllowed() {
        assertTrue(MountInfo.allowsExec(Path.of("/x"), ""));
        assertTrue(MountInfo.allowsExec(Path.of("/nonexistent/directory")));
    }
}
