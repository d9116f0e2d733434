"""Two people edit the same object: the second save is refused and told what changed."""

import pytest

from khuyencong.concurrency import ConcurrentEditError, save_versioned
from programs.models import Target


def test_the_second_of_two_concurrent_edits_is_refused(demo):
    first = Target.objects.get(programme=demo.hn2016, code="3.1-LOP")
    second = Target.objects.get(pk=first.pk)
    seen_by_both = first.lock_version

    first.value = 620
    save_versioned(first, expected_version=seen_by_both, fields=["value"])

    second.value = 580
    with pytest.raises(ConcurrentEditError) as refused:
        save_versioned(second, expected_version=seen_by_both, fields=["value"])
    assert refused.value.changed_fields == {"value": (580, 620)}
    assert "người khác" in str(refused.value)
    assert Target.objects.get(pk=first.pk).value == 620


def test_a_save_on_the_current_version_goes_through(demo):
    target = Target.objects.get(programme=demo.hn2016, code="3.1-LOP")
    target.value = 610
    save_versioned(target, expected_version=target.lock_version, fields=["value"])
    save_versioned(target, expected_version=target.lock_version, fields=["value"])
    assert Target.objects.get(pk=target.pk).lock_version == target.lock_version
