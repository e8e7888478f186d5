package dev.tidemark.error;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.channels.ClosedChannelException;
import org.junit.jupiter.api.Test;

class TidemarkExceptionTest {

    @Test
    void aCauseWithoutAMessageIsNamedByItsClass() {
        assertThat(TidemarkException.reasonOf(new ClosedChannelException())).isEqualTo("ClosedChannelException");
        assertThat(TidemarkException.reasonOf(new IOException(" "))).isEqualTo("IOException");
    }

    @Test
    void aMultiLineCauseGivesItsFirstNonBlankLine() {
        assertThat(TidemarkException.reasonOf(new IOException("\n  disk full  \nat block 7"))).isEqualTo("disk full");
    }

    @Test
    void messageAndHintAreEachOneLine() {
        TidemarkException e = new TidemarkException(ErrorKind.STORAGE, "cannot write\nx", "free\r\nspace");
        assertThat(e.oneLine()).isEqualTo("cannot write x (free  space)");
    }
}
