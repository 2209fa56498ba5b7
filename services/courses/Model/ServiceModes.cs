namespace Tadamon.Courses.Model;

/// <summary>What a service mode means for a course, in the delegation's own terms.</summary>
public static class ServiceModes
{
    /// <summary>
    /// The share of live classes a beneficiary must attend to complete a course, unless its manager sets another.
    /// Fully remote teaching happens in live classes, so most must be attended; hybrid splits the time;
    /// in person (fully or partly) the live classes are a complement and not required.
    /// </summary>
    public static int DefaultLiveAttendancePercent(ServiceMode mode) => mode switch
    {
        ServiceMode.Remote => 75,
        ServiceMode.Hybrid => 50,
        _ => 0,
    };

    public static (string Fr, string Ar) Describe(ServiceMode mode) => mode switch
    {
        ServiceMode.InPerson => ("Toutes les séances ont lieu au centre ; les cours en ligne sont un complément.",
            "جميع الحصص حضورية بالمركز؛ الدروس عن بعد تكميلية."),
        ServiceMode.Remote => ("Les leçons sont suivies en ligne et les classes en direct sont obligatoires.",
            "تتابع الدروس عن بعد والأقسام الافتراضية المباشرة إلزامية."),
        ServiceMode.PartlyInPerson => ("Une partie des séances au centre en petits groupes, le reste en ligne.",
            "جزء من الحصص حضوري بالمركز في مجموعات صغيرة والباقي عن بعد."),
        _ => ("Alternance entre le centre et les classes en direct, dont la moitié est obligatoire.",
            "تناوب بين الحضور بالمركز والأقسام المباشرة، نصفها إلزامي."),
    };
}
