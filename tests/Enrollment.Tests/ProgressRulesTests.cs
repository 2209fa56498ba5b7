using Tadamon.Enrollment.Model;

namespace Tadamon.Enrollment.Tests;

public sealed class ProgressRulesTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 25, 10, 0, 0, TimeSpan.Zero);

    private static List<CourseLesson> Lessons(params (int Module, int Position, bool Required)[] lessons)
    {
        var modules = lessons.Select(l => l.Module).Distinct().ToDictionary(m => m, _ => Guid.NewGuid());
        return lessons.Select(l => new CourseLesson
        {
            LessonId = Guid.NewGuid(), ModuleId = modules[l.Module], ModulePosition = l.Module, Position = l.Position,
            TitleAr = "درس", TitleFr = "Leçon", Required = l.Required,
        }).ToList();
    }

    private static LiveClass Live(int hoursFromNow, bool cancelled = false) => new()
    {
        Id = Guid.NewGuid(), TitleAr = "قسم", TitleFr = "Classe", StartsAt = Now.AddHours(hoursFromNow), DurationMinutes = 60,
        Teacher = "Nadia Bennani", JoinUrl = "https://meet.example/x", Cancelled = cancelled,
    };

    [Fact]
    public void When_two_of_three_lessons_of_a_module_are_done_Should_round_down_per_module_and_for_the_course()
    {
        var lessons = ProgressRules.InOrder(Lessons((2, 1, true), (1, 3, true), (1, 1, true), (1, 2, true)));
        var done = new HashSet<Guid> { lessons[0].LessonId, lessons[1].LessonId };

        var progress = ProgressRules.Compute(lessons, done, [], new HashSet<Guid>(), 0, Now);

        Assert.Equal([66, 0], progress.Modules.Select(m => m.Percent));
        Assert.Equal([(2, 3), (0, 1)], progress.Modules.Select(m => (m.LessonsDone, m.LessonsTotal)));
        Assert.Equal(50, progress.Percent);
        Assert.False(progress.IsComplete);
    }

    [Fact]
    public void When_every_required_lesson_is_done_but_an_optional_one_is_not_Should_be_complete_below_one_hundred_percent()
    {
        var lessons = ProgressRules.InOrder(Lessons((1, 1, true), (1, 2, false), (1, 3, true)));
        var done = new HashSet<Guid> { lessons[0].LessonId, lessons[2].LessonId };

        var progress = ProgressRules.Compute(lessons, done, [], new HashSet<Guid>(), 0, Now);

        Assert.True(progress.IsComplete);
        Assert.Equal(66, progress.Percent);
        Assert.Equal((2, 2), (progress.RequiredDone, progress.RequiredTotal));
    }

    [Fact]
    public void When_a_later_lesson_is_asked_for_Should_name_the_first_required_lesson_missing_before_it()
    {
        var lessons = ProgressRules.InOrder(Lessons((1, 1, true), (1, 2, false), (2, 1, true)));

        Assert.Equal(lessons[0], ProgressRules.FirstMissingBefore(lessons, new HashSet<Guid>(), lessons[2].LessonId));
        Assert.Null(ProgressRules.FirstMissingBefore(lessons, new HashSet<Guid> { lessons[0].LessonId }, lessons[2].LessonId));
        Assert.Null(ProgressRules.FirstMissingBefore(lessons, new HashSet<Guid>(), lessons[0].LessonId));
    }

    [Fact]
    public void When_the_mode_requires_three_quarters_of_live_classes_Should_count_only_classes_held_and_not_cancelled()
    {
        var lessons = Lessons((1, 1, true));
        var done = new HashSet<Guid> { lessons[0].LessonId };
        var held = new[] { Live(-48), Live(-24), Live(-2), Live(-1) };
        var notCounted = new[] { Live(-3, cancelled: true), Live(+48) };
        var all = held.Concat(notCounted).ToList();

        var twoOfFour = ProgressRules.Compute(lessons, done, all, held.Take(2).Select(l => l.Id).ToHashSet(), 75, Now);
        var threeOfFour = ProgressRules.Compute(lessons, done, all, held.Take(3).Select(l => l.Id).ToHashSet(), 75, Now);

        Assert.Equal((2, 4, false), (twoOfFour.LiveClassesAttended, twoOfFour.LiveClassesHeld, twoOfFour.IsComplete));
        Assert.Equal((3, 4, true), (threeOfFour.LiveClassesAttended, threeOfFour.LiveClassesHeld, threeOfFour.IsComplete));
    }

    [Fact]
    public void When_classes_ended_before_the_learner_was_seated_Should_not_count_them_as_missed()
    {
        var lessons = Lessons((1, 1, true));
        var done = new HashSet<Guid> { lessons[0].LessonId };
        var beforeSeat = new[] { Live(-72), Live(-48) };
        var afterSeat = Live(-2);

        var progress = ProgressRules.Compute(lessons, done, [.. beforeSeat, afterSeat], new HashSet<Guid> { afterSeat.Id }, 75, Now, seatedSince: Now.AddHours(-24));

        Assert.Equal((1, 1, true), (progress.LiveClassesAttended, progress.LiveClassesHeld, progress.IsComplete));
    }

    [Fact]
    public void When_a_course_has_no_lessons_Should_never_be_complete()
    {
        Assert.False(ProgressRules.Compute([], new HashSet<Guid>(), [], new HashSet<Guid>(), 0, Now).IsComplete);
        Assert.Equal(0, ProgressRules.Percent(0, 0));
    }
}
