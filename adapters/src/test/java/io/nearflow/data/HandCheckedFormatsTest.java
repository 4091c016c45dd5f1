package io.nearflow.data;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** The hand-written id and checksum checks accept exactly what their patterns accept. */
class HandCheckedFormatsTest {
  private static final Pattern CHECKSUM = Pattern.compile("[a-z0-9-]{1,16}:[0-9a-f]{8,128}");
  private static final Pattern SHA256 = Pattern.compile("sha256:[0-9a-f]{64}");
  private static final String ALPHABET = "azAZ09fg.-_:/ \u00e9";

  private static boolean checksumByPattern(String s) {
    return CHECKSUM.matcher(s).matches() && (!s.startsWith("sha256:") || SHA256.matcher(s).matches());
  }

  private static List<String> samples() {
    List<String> out = new ArrayList<>(List.of("", ":", "a:", ":0123abcd", "a:0123abcd", "sha256:0123abcd",
        Checksums.sha256(new byte[] {1}), Checksums.sha256(new byte[] {1}).toUpperCase(), "md5:" + "0".repeat(32),
        "a".repeat(16) + ":" + "0".repeat(8), "a".repeat(17) + ":" + "0".repeat(8), "x:" + "f".repeat(128),
        "x:" + "f".repeat(129), "x:0123abc", "a:b:0123abcd", "-:01234567", "o" + "0".repeat(127), "o" + "0".repeat(128),
        ".a", "a.", "_a", "a_b-c.d", "u1234", "a b", "\u00e9t\u00e9", "a\n"));
    Random random = new Random(42);
    for (int i = 0; i < 20_000; i++) {
      StringBuilder b = new StringBuilder();
      int n = random.nextInt(12);
      for (int j = 0; j < n; j++) {
        b.append(ALPHABET.charAt(random.nextInt(ALPHABET.length())));
      }
      out.add(b.toString());
      out.add("sha256:" + b);
      out.add("md5:" + "0123abcd" + b);
    }
    return out;
  }

  @Test
  void checksumsAreCheckedAsThePatternsSay() {
    for (String s : samples()) {
      assertThat(Checksums.isWellFormed(s)).as("'%s'", s).isEqualTo(checksumByPattern(s));
    }
    assertThat(Checksums.isWellFormed(null)).isFalse();
  }

  @Test
  void unitIdsAreCheckedAsThePatternSays() {
    for (String s : samples()) {
      assertThat(DataUnitIds.isValid(s)).as("'%s'", s).isEqualTo(DataUnitIds.VALID.matcher(s).matches());
    }
    assertThat(DataUnitIds.isValid(null)).isFalse();
  }
}
