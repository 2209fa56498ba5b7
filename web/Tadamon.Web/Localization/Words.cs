namespace Tadamon.Web.Localization;

/// <summary>The services' codes (categories, units, statuses, types, modes) as people read them.</summary>
public static class Words
{
    public static (string Ar, string Fr)? Of(string code) => All.TryGetValue(code, out var w) ? w : null;

    private static readonly Dictionary<string, (string Ar, string Fr)> All = new(StringComparer.Ordinal)
    {
        // categories
        ["argan-oil"] = ("زيت أركان", "Huile d'argan"), ["olive-oil"] = ("زيت الزيتون", "Huile d'olive"),
        ["saffron"] = ("الزعفران", "Safran"), ["honey"] = ("العسل", "Miel"), ["amlou"] = ("أملو", "Amlou"),
        ["couscous"] = ("الكسكس", "Couscous"), ["dates"] = ("التمور", "Dattes"), ["spices"] = ("التوابل", "Épices"),
        ["cosmetics"] = ("مواد التجميل", "Cosmétiques"), ["carpets"] = ("الزرابي", "Tapis"), ["pottery"] = ("الفخار", "Poterie"),
        ["textiles"] = ("النسيج", "Textiles"), ["basketry"] = ("السلالة", "Vannerie"), ["other"] = ("أخرى", "Autres"),
        // units
        ["kg"] = ("كلغ", "kg"), ["g"] = ("غ", "g"), ["litre"] = ("لتر", "litre"), ["ml"] = ("مل", "ml"), ["piece"] = ("قطعة", "pièce"),
        ["box"] = ("علبة", "boîte"), ["jar"] = ("برطمان", "pot"), ["m2"] = ("م²", "m²"),
        // payouts and reconciliation (settlement)
        ["Pending"] = ("في انتظار التحويل", "En attente du virement"),
        ["amount-mismatch"] = ("مبلغ مختلف", "Montant différent"), ["remitted-twice"] = ("محول مرتين", "Versé deux fois"),
        ["unknown-parcel"] = ("طرد غير معروف", "Colis inconnu"), ["missing-from-remittance"] = ("غائب عن الكشف", "Absent du relevé"),
        ["held-too-long"] = ("محتفظ به طويلا", "Gardé trop longtemps"),
        // order statuses
        ["Placed"] = ("مسجل", "Passée"), ["Confirmed"] = ("مؤكد", "Confirmée"), ["Rejected"] = ("مرفوض", "Refusée"),
        ["ReadyForPickup"] = ("جاهز للاستلام", "Prête pour l'enlèvement"), ["Shipped"] = ("في الطريق", "Expédiée"),
        ["Delivered"] = ("تم التسليم", "Livrée"), ["DeliveryFailed"] = ("فشل التسليم", "Livraison échouée"),
        ["Returned"] = ("مرجع", "Retournée"), ["Cancelled"] = ("ملغى", "Annulée"),
        ["Recalling"] = ("ملغى، الطرد في طريق العودة", "Annulée, colis rappelé"), ["ShipmentBooked"] = ("حجز لدى الناقل", "Confiée au transporteur"),
        ["Paid"] = ("تم الأداء", "Payée"), ["CashCollected"] = ("تم تحصيل المبلغ", "Montant encaissé"),
        // shipment statuses
        ["Created"] = ("أنشئت", "Créée"), ["Booked"] = ("محجوزة لدى الناقل", "Réservée chez le transporteur"),
        ["PickedUp"] = ("استلمها الناقل", "Enlevée"), ["InTransit"] = ("في الطريق", "En transit"),
        ["OutForDelivery"] = ("في طريق التسليم", "En cours de livraison"),
        // cooperative members (trained-members badge)
        ["member-Invited"] = ("مدعو، لم يقبل بعد", "Invité(e), pas encore accepté"), ["member-Member"] = ("عضو", "Membre"),
        ["member-Ended"] = ("انتهت العضوية", "Adhésion terminée"),
        // cooperative statuses and types
        ["Applied"] = ("طلب في الانتظار", "Candidature"), ["Verified"] = ("تم التحقق", "Vérifiée"), ["Suspended"] = ("موقوفة", "Suspendue"),
        ["Women"] = ("تعاونية نسائية", "Coopérative de femmes"), ["Youth"] = ("تعاونية شبابية", "Coopérative de jeunes"),
        ["Mixed"] = ("تعاونية مختلطة", "Coopérative mixte"), ["VerySmallEnterprise"] = ("مقاولة صغيرة جدا", "Très petite entreprise"),
        ["Draft"] = ("مسودة", "Brouillon"), ["Published"] = ("منشور", "Publié"), ["Archived"] = ("مؤرشف", "Archivé"),
        // centres
        ["VocationalTraining"] = ("التدرج المهني", "Formation par apprentissage"),
        ["EducationAndTraining"] = ("التربية والتكوين", "Éducation et formation"),
        ["SpecialEducation"] = ("التربية الخاصة", "Éducation spécialisée"), ["Kindergarten"] = ("روض الأطفال", "Jardin d'enfants"),
        ["Literacy"] = ("محو الأمية", "Alphabétisation"),
        ["InPerson"] = ("حضوري", "En présentiel"), ["Remote"] = ("عن بعد", "À distance"),
        ["PartlyInPerson"] = ("حضوري جزئيا", "Partiellement en présentiel"), ["Hybrid"] = ("مختلط", "Hybride"),
        // accessibility needs
        ["None"] = ("لا شيء", "Aucun"), ["SignLanguage"] = ("لغة الإشارة", "Langue des signes"),
        ["EasyRead"] = ("لغة مبسطة", "Facile à lire"), ["Audio"] = ("صوتي", "Audio"),
        // pre-registrations and enrollments
        ["Submitted"] = ("في انتظار القرار", "En attente de décision"), ["InformationRequested"] = ("معلومات مطلوبة", "Information demandée"),
        ["Approved"] = ("مقبول", "Acceptée"), ["Withdrawn"] = ("منسحب", "Retirée"),
        ["Seated"] = ("له مقعد", "Inscrit(e)"), ["Waiting"] = ("في لائحة الانتظار", "Sur liste d'attente"),
        ["Completed"] = ("أتم الدورة", "Terminé"), ["Removed"] = ("أزيل", "Retiré(e)"),
        // lessons
        ["Done"] = ("منجز", "Fait"), ["Open"] = ("مفتوح", "Ouvert"), ["Locked"] = ("مغلق", "Verrouillé"),
        // roles
        ["buyer"] = ("مشتر", "Acheteur"), ["cooperative-manager"] = ("مسير تعاونية", "Gestionnaire de coopérative"),
        ["operator"] = ("مشرف", "Opérateur"), ["centre-manager"] = ("مسير مركز", "Gestionnaire de centre"),
        ["beneficiary"] = ("مستفيد", "Bénéficiaire"), ["association-manager"] = ("مسير جمعية شريكة", "Gestionnaire d'association partenaire"),
        // Tathmine programme: seller types, value chains, weak links, support actions
        ["Cooperative"] = ("تعاونية", "Coopérative"), ["SmallEnterprise"] = ("مقاولة صغيرة", "Petite entreprise"),
        ["cactus"] = ("الصبار", "Cactus"), ["tathmine"] = ("برنامج تثمين", "Programme Tathmine"),
        ["argan"] = ("أركان", "Argan"), ["textiles-carpets"] = ("النسيج والزرابي", "Textiles et tapis"),
        ["production"] = ("الإنتاج", "Production"), ["quality"] = ("الجودة", "Qualité"), ["packaging"] = ("التلفيف", "Conditionnement"),
        ["certification"] = ("الإشهاد والعلامات", "Certification et labels"), ["marketing"] = ("التسويق", "Commercialisation"),
        ["governance"] = ("الحكامة", "Gouvernance"), ["finance"] = ("التمويل", "Financement"), ["logistics"] = ("النقل والتخزين", "Logistique"),
        ["skills"] = ("المهارات", "Compétences"),
        ["TechnicalSupport"] = ("دعم تقني", "Appui technique"), ["Training"] = ("تكوين", "Formation"), ["Equipment"] = ("تجهيز", "Équipement"),
        ["ProfessionalOrganisation"] = ("تنظيم مهني", "Organisation professionnelle"),
    };
}
