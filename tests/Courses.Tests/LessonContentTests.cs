using Tadamon.Courses.Model;

namespace Tadamon.Courses.Tests;

public sealed class LessonContentTests
{
    [Fact]
    public void When_content_carries_a_script_Should_drop_the_element_and_its_code()
    {
        var clean = LessonContent.Sanitise("Avant<script>alert('x')</script> après");
        Assert.Equal("Avant après", clean);
    }

    [Fact]
    public void When_a_tag_carries_event_handlers_Should_keep_the_tag_without_attributes()
    {
        Assert.Equal("<p>Bonjour</p>", LessonContent.Sanitise("<p onclick=\"steal()\" style=\"x\">Bonjour</p>"));
    }

    [Fact]
    public void When_a_link_targets_javascript_Should_keep_the_text_and_drop_the_target()
    {
        Assert.Equal("<a>lien</a>", LessonContent.Sanitise("<a href=\"javascript:alert(1)\">lien</a>"));
        Assert.Equal("[lien]()", LessonContent.Sanitise("[lien](javascript:alert(1))"));
    }

    [Fact]
    public void When_a_link_is_https_Should_keep_it_with_safe_rel()
    {
        Assert.Equal("<a href=\"https://entraidekelaa.com/\" rel=\"noopener nofollow\">site</a>",
            LessonContent.Sanitise("<a href='https://entraidekelaa.com/' target=_blank>site</a>"));
    }

    [Fact]
    public void When_content_has_unknown_or_broken_tags_Should_leave_no_markup_a_browser_would_run()
    {
        var clean = LessonContent.Sanitise("<img src=x onerror=alert(1)>texte <b>gras</b> <svg onload=alert(1)>x</svg> <scr<script>ipt>");
        Assert.DoesNotContain("<img", clean);
        Assert.DoesNotContain("<svg", clean);
        Assert.DoesNotContain("<script", clean, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("<scr", clean);
        Assert.Contains("<b>gras</b>", clean);
    }

    [Fact]
    public void When_content_is_markdown_Should_keep_it_as_text()
    {
        Assert.Equal("## Les outils\n\n- **aiguille**\n- fil", LessonContent.Sanitise("## Les outils\n\n- **aiguille**\n- fil"));
    }
}
