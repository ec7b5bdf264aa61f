package io.vodkit.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.vodkit.ErrorCode;
import io.vodkit.VodkitException;
import org.junit.jupiter.api.Test;

class PartPlannerTest {
  private final PartPlanner planner = new PartPlanner(8 * PartPlanner.MIB);

  @Test
  void aSmallFileIsOnePart() {
    assertThat(planner.partCount(1)).isEqualTo(1);
    assertThat(planner.partCount(8 * PartPlanner.MIB)).isEqualTo(1);
  }

  @Test
  void anEightGigabyteFileFitsInTenThousandPartsOfThePreferredSize() {
    long size = 8_472_983_040L; // the spec's example upload
    assertThat(planner.partSize(size)).isEqualTo(8 * PartPlanner.MIB);
    assertThat(planner.partCount(size)).isEqualTo(1011).isLessThanOrEqualTo(PartPlanner.MAX_PARTS);
  }

  @Test
  void aFiveTebibyteFileGrowsPartsToFitTheLimit() {
    long size = PartPlanner.MAX_OBJECT_BYTES;
    long part = planner.partSize(size);
    assertThat(planner.partCount(size)).isLessThanOrEqualTo(PartPlanner.MAX_PARTS);
    assertThat(part % PartPlanner.MIB).isZero();
    assertThat(part).isBetween(PartPlanner.MIN_PART_BYTES, PartPlanner.MAX_PART_BYTES);
  }

  @Test
  void thePreferredSizeIsClampedToS3Limits() {
    assertThat(new PartPlanner(1).partSize(100 * PartPlanner.MIB)).isEqualTo(PartPlanner.MIN_PART_BYTES);
  }

  @Test
  void sizesOutsideS3LimitsAreInvalidRequests() {
    assertThatThrownBy(() -> planner.partSize(0))
        .isInstanceOfSatisfying(VodkitException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.INVALID_REQUEST));
    assertThatThrownBy(() -> planner.partSize(PartPlanner.MAX_OBJECT_BYTES + 1)).isInstanceOf(VodkitException.class);
  }
}
