"""The inconsistencies planted in the demo bundle on purpose, each with the rule expected to report it.

``docs/demo.md`` lists the same cases; a test keeps the two in step and checks that every
registered rule of families 1–4, 6 and 7 reports its planted case(s) on the demo (family 5 is
planted in the meetings, :mod:`sinkron.demo.meetings`). The in-year early-warning rules (SKN606, SKN607)
report theirs with the demo's as-of date, :data:`~sinkron.demo.DEMO_AS_OF`.
"""

from __future__ import annotations

import attrs

from sinkron.demo.kalteng import DINKES, DINSOS, IDS, PUPR
from sinkron.demo.national import KITS_RO, KP_BLUE_FOOD, NUTRITION_RO, VILLAGES_RO
from sinkron.models import ref

__all__ = ["KNOCK_ON", "PLANTED", "UNTAGGED", "PlantedCase", "UntaggedItem"]


@attrs.frozen(kw_only=True)
class PlantedCase:
    """One deliberate inconsistency: the rule that must report it, the subject, and what is wrong.

    ``subject`` is the reference of the record (``plan#item``, ``plan#sasaran``, a priority or a plan
    id); a finding counts for the case when its subject is the same record, or one inside or around
    it (an indicator of the item, the plan of the item). ``None`` means any finding of the rule.
    """

    rule: str
    subject: str | None
    id: str
    """What is wrong, in Indonesian."""
    en: str
    """What is wrong, in English."""

    def matches(self, subject: str) -> bool:
        """Whether a finding about ``subject`` reports this case."""
        if self.subject is None:
            return True
        return _nested(subject, self.subject) or _nested(self.subject, subject)


def _nested(inner: str, outer: str) -> bool:
    """``inner`` is ``outer`` or a record inside it (``plan`` ⊃ ``plan#item`` ⊃ ``plan#item#indicator``)."""
    return inner == outer or (inner.startswith(outer) and inner[len(outer)] in "#/.")


def _case(rule: str, subject: str | None, id: str, en: str) -> PlantedCase:
    return PlantedCase(rule=rule, subject=subject, id=id, en=en)


_RKPD, _PKY, _KOTIM, _RPJMD = IDS["rkpd"], IDS["rkpd_palangkaraya"], IDS["rkpd_kotim"], IDS["rpjmd"]

#: Every planted inconsistency, by rule id.
PLANTED: tuple[PlantedCase, ...] = (
    # Family 1 — nomenclature
    _case(
        "SKN101",
        ref(_KOTIM, "kotim.pupr/1.03.10.2.01.0099"),
        "Kode sub kegiatan 1.03.10.2.01.0099 tidak ada dalam nomenklatur.",
        "Sub kegiatan code 1.03.10.2.01.0099 is not in the nomenclature.",
    ),
    _case(
        "SKN102",
        ref(_KOTIM, "kotim.pupr/1.03.10.2.01.0030"),
        "1.03.10.2.01.0030 dihapus mulai 2026 oleh daftar perubahan ilustratif demo; penggantinya 1.03.10.2.01.0036.",
        "1.03.10.2.01.0030 is retired from 2026 by the demo's illustrative change list; its replacement is "
        "1.03.10.2.01.0036.",
    ),
    _case(
        "SKN103",
        ref(_PKY, "palangkaraya.dinsos/1.06.05.2.02.01"),
        "Nomor sub kegiatan 2 digit lama (1.06.05.2.02.01); kini 1.06.05.2.02.0001.",
        "Legacy 2-digit sub kegiatan number (1.06.05.2.02.01); now 1.06.05.2.02.0001.",
    ),
    _case(
        "SKN104",
        ref(_PKY, "palangkaraya.pupr/1.03.10.2.01.0044"),
        "Nama 'Pembangunan Jembatan Gantung Desa' bukan nama resmi 1.03.10.2.01.0044 (Rehabilitasi Jalan).",
        "The name 'Pembangunan Jembatan Gantung Desa' is not the official name of 1.03.10.2.01.0044 "
        "(Rehabilitasi Jalan).",
    ),
    _case(
        "SKN105",
        ref(_KOTIM, "kotim.dinsos/1.06.04.2.01"),
        "Kegiatan 1.06.04.2.01 berada di bawah program 1.06.05.",
        "Kegiatan 1.06.04.2.01 sits under program 1.06.05.",
    ),
    _case(
        "SKN106",
        ref(_KOTIM, "kotim.dinkes/X.XX.01.2.01.0001"),
        "Kode penunjang generik X.XX.01.2.01.0001 tertinggal di rencana.",
        "The generic penunjang code X.XX.01.2.01.0001 is left in the plan.",
    ),
    _case(
        "SKN106",
        ref(_PKY, "palangkaraya.dinsos/1.02.01"),
        "Program penunjang bidang 1.02 (kesehatan) di Dinas Sosial, yang mengampu bidang 1.06.",
        "A penunjang program of bidang 1.02 (health) in the Dinas Sosial, which carries bidang 1.06.",
    ),
    _case(
        "SKN107",
        _RKPD,
        "RKPD provinsi ditulis dengan kode kegiatan kabupaten/kota (varian digit 2): kewenangan kabupaten/kota "
        "menurut Lampiran UU 23/2014 (lihat Penyederhanaan di docs/demo.md).",
        "The provincial RKPD is written in kabupaten/kota kegiatan codes (variant digit 2): a kabupaten/kota "
        "authority under the Lampiran of UU 23/2014 (see Simplifications in docs/demo.md).",
    ),
    # Family 2 — completeness and measurability
    _case(
        "SKN201",
        ref(IDS["renja_dinsos"], f"{DINSOS}/1.06.05.2.02.0004"),
        "Sub kegiatan tanpa indikator (juga di RKPD yang disusun dari Renja ini).",
        "A sub kegiatan without any indicator (also in the RKPD compiled from this Renja).",
    ),
    _case(
        "SKN202",
        ref(IDS["renja_dinsos"], f"{DINSOS}/1.06.04.2.01.0003"),
        "Indikator tanpa satuan (juga di RKPD).",
        "An indicator without satuan (also in the RKPD).",
    ),
    _case(
        "SKN203",
        ref(IDS["renja_pupr"], f"{PUPR}/1.03.03.2.01.0029"),
        "Indikator tanpa target sama sekali (juga di RKPD).",
        "An indicator with no target at all (also in the RKPD).",
    ),
    _case(
        "SKN203",
        ref(IDS["renstra_dinsos"], f"{DINSOS}/1.06.06.2.01.0003"),
        "Target tahun 2029 (tahun terakhir Renstra) tidak ada.",
        "No target for 2029, the Renstra's last year.",
    ),
    _case(
        "SKN204",
        ref(IDS["renstra_pupr"], f"{PUPR}/1.03.10.2.01.0046"),
        "Target untuk 2030, di luar periode 2025–2029.",
        "A target for 2030, outside the 2025–2029 period.",
    ),
    _case(
        "SKN205",
        ref(IDS["renja_dinkes"], f"{DINKES}/1.02.01.2.01.0001"),
        "Target berupa teks 'Meningkat', tidak terukur (juga di RKPD).",
        "The target is the text 'Meningkat', not measurable (also in the RKPD).",
    ),
    _case(
        "SKN206",
        ref(_RPJMD, "S4"),
        "Indikator 'Indeks risiko bencana' pada sasaran RPJMD tanpa kondisi awal (baseline).",
        "The RPJMD sasaran indicator 'Indeks risiko bencana' has no baseline.",
    ),
    # Family 3 — vertical consistency
    _case(
        "SKN301",
        ref(IDS["renja_dinkes"], f"{DINKES}/1.02.02.2.02.0008"),
        "Sub kegiatan Renja 2026 yang tidak ada di Renstra Dinas Kesehatan.",
        "A Renja 2026 sub kegiatan that the Dinas Kesehatan Renstra does not have.",
    ),
    _case(
        "SKN302",
        ref(IDS["renja_dinkes"], f"{DINKES}/1.02.02.2.02.0004"),
        "Target Renja 2026 12.000 balita, Renstra 18.500.",
        "Renja 2026 target 12,000 toddlers, Renstra 18,500.",
    ),
    _case(
        "SKN303",
        ref(IDS["renja_pupr"], f"{PUPR}/1.03.10.2.01.0032"),
        "Pagu Renja 2026 30 % di atas pagu Renstra tahun 2026.",
        "Renja 2026 pagu 30 % above the Renstra pagu for 2026.",
    ),
    _case(
        "SKN304",
        ref(_RKPD, f"{DINKES}/1.02.05"),
        "Pagu program RKPD 2026 dua kali pagu tahun ke-2 di RPJMD.",
        "The RKPD 2026 program pagu is twice the RPJMD pagu for year 2.",
    ),
    _case(
        "SKN304",
        ref(_RKPD, f"{DINSOS}/1.06.06"),
        "Program RKPD 2026 yang tidak ada di RPJMD.",
        "An RKPD 2026 program absent from the RPJMD.",
    ),
    _case(
        "SKN305",
        ref(IDS["renstra_pupr"], "S1"),
        "Sasaran Renstra menaut ke sasaran RPJMD S9 yang tidak ada.",
        "The Renstra sasaran cascades to RPJMD sasaran S9, which does not exist.",
    ),
    _case(
        "SKN305",
        ref(IDS["renstra_dinsos"], "T2"),
        "Tujuan Renstra tanpa tautan ke sasaran RPJMD.",
        "A Renstra tujuan without a cascade to an RPJMD sasaran.",
    ),
    _case(
        "SKN305",
        ref(IDS["renstra_dinsos"], "S2"),
        "Sasaran Renstra tanpa tautan ke sasaran RPJMD.",
        "A Renstra sasaran without a cascade to an RPJMD sasaran.",
    ),
    _case(
        "SKN306",
        ref(IDS["renstra_pupr"], f"{PUPR}/1.03.03.2.01"),
        "Pagu kegiatan tahun 2027 Rp 750 juta lebih besar dari jumlah pagu sub kegiatannya.",
        "The kegiatan pagu for 2027 is Rp 750 million more than its sub kegiatan add up to.",
    ),
    # Family 4 — cascade to priorities
    _case(
        "SKN401",
        "PN01",
        "PN 1 tidak didukung program mana pun di rencana daerah.",
        "PN 1 is supported by no program of the regional plans.",
    ),
    _case(
        "SKN401",
        "PN05",
        "PN 5 tidak didukung program mana pun di rencana daerah.",
        "PN 5 is supported by no program of the regional plans.",
    ),
    _case(
        "SKN402",
        "PD62.05",
        "Prioritas daerah provinsi tanpa program pendukung.",
        "A provincial regional priority with no supporting program.",
    ),
    _case(
        "SKN403",
        _KOTIM,
        "Hanya sekitar 5 % pagu RKPD Kotawaringin Timur 2026 yang mendukung prioritas, dengan maupun tanpa program "
        "penunjang.",
        "Only about 5 % of the Kotawaringin Timur RKPD 2026 pagu supports a priority, with or without the program "
        "penunjang.",
    ),
    _case(
        "SKN404",
        ref(_RKPD, f"{DINKES}/1.02.02.2.02.0001"),
        "Ditandai ke PN 4 (indikator: prevalensi stunting) tanpa indikator yang mengukurnya.",
        "Tagged to PN 4 (indicator: stunting prevalence) with no indicator that measures it.",
    ),
    _case(
        "SKN405",
        "PD62.04",
        "Prioritas provinsi yang tidak didukung rencana kabupaten/kota mana pun.",
        "A provincial priority supported by none of the kab/kota plans.",
    ),
    _case(
        "SKN406",
        "62",
        "Demo tidak memuat rincian belanja (RKA/DPA): pemeriksaan belanja wajib tidak dapat dijalankan (info).",
        "The demo holds no rincian belanja (RKA/DPA lines): the mandatory spending check could not run (info).",
    ),
    _case(
        "SKN407",
        "62",
        "Demo tidak memuat rincian belanja (RKA/DPA): pemeriksaan belanja Inpres 1/2025 tidak dapat dijalankan (info).",
        "The demo holds no rincian belanja (RKA/DPA lines): the Inpres 1/2025 spending check could not run (info).",
    ),
    _case(
        "SKN408",
        _RKPD,
        "RKPD provinsi memakai kode kab/kota (penyederhanaan demo): sub kegiatan SPM sosial provinsi (1.06.04.1.xx, "
        "1.06.06.1.01) tidak ada.",
        "The provincial RKPD uses kab/kota codes (a demo simplification): the provincial SPM sosial sub kegiatan "
        "(1.06.04.1.xx, 1.06.06.1.01) are missing.",
    ),
    _case(
        "SKN408",
        _PKY,
        "RKPD Kota Palangka Raya memuat sebagian kecil layanan SPM kesehatan, pekerjaan umum dan sosial.",
        "The Palangka Raya RKPD holds only a few of the SPM services of kesehatan, pekerjaan umum and sosial.",
    ),
    _case(
        "SKN408",
        _KOTIM,
        "RKPD Kabupaten Kotawaringin Timur memuat sebagian kecil layanan SPM kesehatan, pekerjaan umum dan sosial.",
        "The Kotawaringin Timur RKPD holds only a few of the SPM services of kesehatan, pekerjaan umum and sosial.",
    ),
    _case(
        "SKN409",
        ref(_RPJMD, "M4"),
        "Misi 4 (lingkungan dan bencana): sasaran S4 (risiko bencana) tidak dilayani program mana pun.",
        "Misi 4 (environment and disasters): sasaran S4 (disaster risk) is served by no program.",
    ),
    _case(
        "SKN410",
        _RPJMD,
        "Tidak ada misi RPJMD yang dipetakan ke Asta Cita 1, 5 dan 7.",
        "No RPJMD misi is mapped to Asta Cita 1, 5 and 7.",
    ),
    _case(
        "SKN411",
        "PD62.06",
        "Program prioritas gubernur (air minum) ada dalam program RPJMD 1.03.03, tetapi tidak dalam RKPD 2026.",
        "The governor's priority program (drinking water) is in RPJMD program 1.03.03 but not in the RKPD 2026.",
    ),
    # Family 6 — monitoring and evaluation
    _case(
        "SKN601",
        ref(IDS["dpa_dinkes"], f"{DINKES}/1.02.02.2.02.0011"),
        "Capaian 2025 45 % dari target (2.160 dari 4.800 orang).",
        "2025 achievement 45 % of the target (2,160 of 4,800 people).",
    ),
    _case(
        "SKN602",
        ref(IDS["dpa_dinsos"], f"{DINSOS}/1.06.05.2.02.0003"),
        "Serapan anggaran 2025 38 % (Dinas Sosial secara keseluruhan sekitar 68 %).",
        "2025 budget absorption 38 % (about 68 % for the Dinas Sosial as a whole).",
    ),
    _case(
        "SKN602",
        ref(IDS["dpa_dinsos"], f"{DINSOS}/1.06.05.2.02.0004"),
        "Serapan anggaran 2025 55 %.",
        "2025 budget absorption 55 %.",
    ),
    _case(
        "SKN602",
        ref(IDS["dpa_dinsos"], f"{DINSOS}/1.06.05.2.02.0001"),
        "Serapan anggaran 2025 62 %.",
        "2025 budget absorption 62 %.",
    ),
    _case(
        "SKN603",
        IDS["dpa_pupr"],
        "55 % belanja sub kegiatan fisik Dinas PUPR 2025 jatuh di triwulan IV.",
        "55 % of the Dinas PUPR's 2025 spending on physical sub kegiatan falls in Q4.",
    ),
    # In-year early warning: reported with the as-of date DEMO_AS_OF (``--as-of 2026-09-30``).
    _case(
        "SKN606",
        ref(IDS["renja_dinkes"], f"{DINKES}/1.02.02.2.02.0004"),
        "Per 30-09-2026 realisasi balita baru separuh anggaran kas: tertinggal 32 poin persen dari pagu.",
        "As of 2026-09-30 the balita sub kegiatan has spent half its anggaran kas: 32 points of its pagu behind.",
    ),
    _case(
        "SKN607",
        IDS["renja_pupr"],
        "Anggaran kas Dinas PUPR 2026 menyisakan 53 % setahun untuk triwulan IV.",
        "The Dinas PUPR's 2026 anggaran kas leaves 53 % of the year to Q4.",
    ),
    _case(
        "SKN604",
        ref(_RPJMD, "S1"),
        "Prevalensi stunting memburuk: 23,5 % (2024) menjadi 24,2 % (2025), melebihi margin survei 0,5 poin.",
        "Stunting prevalence worsened: 23.5 % (2024) to 24.2 % (2025), beyond the 0.5-point survey margin.",
    ),
    _case(
        "SKN605",
        None,
        "Peringkat kabupaten/kota menurut penurunan tingkat kemiskinan 2024→2025 "
        "(Palangka Raya 3,80→3,52; Kotawaringin Timur 5,90→5,84).",
        "Kab/kota ranked by poverty rate decline 2024→2025 (Palangka Raya 3.80→3.52; Kotawaringin Timur 5.90→5.84).",
    ),
    # Family 7 — national–regional synchronisation (sinkron.demo.national)
    _case(
        "SKN701",
        KITS_RO,
        "RO Kemenkes 2026 masih ditandai KP 04.02.01 dari RKP 2025, yang tidak berlaku pada 2026 (penggantinya KP04.02.01).",
        "A Kemenkes 2026 RO is still tagged to KP 04.02.01 of the RKP 2025, not in force in 2026 (its successor: "
        "KP04.02.01).",
    ),
    _case(
        "SKN702",
        KP_BLUE_FOOD,
        "KP 02.10.09 Pangan Akuatik (Blue Food) didanai antara lain dari DAK dan APBD, tetapi tidak ada sub kegiatan "
        "daerah (RKPD 2026, DPA 2025) yang mendukungnya.",
        "KP 02.10.09 Blue Food is funded from DAK and APBD among others, but no regional sub kegiatan (RKPD 2026, "
        "DPA 2025) supports it.",
    ),
    _case(
        "SKN703",
        ref(_RKPD, f"{DINKES}/1.02.02.2.02.0008"),
        "Sub kegiatan hipertensi didanai DAK Non Fisik BOK, tetapi tidak ada menu BOK 2026 untuknya.",
        "The hypertension sub kegiatan is funded from the BOK (DAK Non Fisik), but no 2026 BOK menu covers it.",
    ),
    _case(
        "SKN704",
        _RKPD,
        "Kegiatan penunjang DAK Fisik Kesehatan dan KB 2026 (provinsi): Rp 480 juta = 7,4 % dari Rp 6,48 miliar, di "
        "atas batas 5 %.",
        "DAK Fisik health supporting activities 2026 (province): Rp 480 million = 7.4 % of Rp 6.48 billion, above "
        "the 5 % cap.",
    ),
    _case(
        "SKN705",
        VILLAGES_RO,
        "RO KKP kampung perikanan budidaya berlokasi di Kotawaringin Timur, tetapi RKPD 2026-nya tidak memuat sub "
        "kegiatan terkait.",
        "The KKP aquaculture-village RO is located in Kotawaringin Timur, whose RKPD 2026 has no related sub kegiatan.",
    ),
    _case(
        "SKN706",
        NUTRITION_RO,
        "Indikator RO Kemenkes bersatuan Balita ditautkan sebagai pengukur prevalensi stunting PN 4 (%).",
        "A Kemenkes RO indicator counted in toddlers is linked as measuring the PN 4 stunting prevalence (%).",
    ),
    _case(
        "SKN707",
        ref(_RPJMD, "S1"),
        "Target prevalensi stunting RPJMD (21,0 % pada 2025; 15,0 % pada 2029) lebih buruk dari target nasional RPJMN "
        "(18,8 %; 14,2 %); tanpa target provinsi yang dimuat, hanya informasi.",
        "The RPJMD stunting targets (21.0 % in 2025; 15.0 % in 2029) are worse than the RPJMN's national ones (18.8 %; "
        "14.2 %); with no province target loaded, information only.",
    ),
)


#: Findings that follow from a planted case elsewhere (the RKPD is compiled from the Renja, …).
KNOCK_ON: tuple[PlantedCase, ...] = (
    *(
        _case(
            "SKN107",
            IDS[key],
            "Dokumen provinsi ini juga ditulis dengan kode kegiatan kabupaten/kota (seperti RKPD-nya).",
            "This provincial plan is written in kabupaten/kota kegiatan codes too (like its RKPD).",
        )
        for key in (
            *(
                f"{kind}_{agency.split('.')[1]}"
                for kind in ("renstra", "renja", "dpa")
                for agency in (DINKES, PUPR, DINSOS)
            ),
        )
    ),
    _case(
        "SKN201",
        ref(_RKPD, f"{DINSOS}/1.06.05.2.02.0004"),
        "Sub kegiatan tanpa indikator, tersalin dari Renja.",
        "The sub kegiatan without indicator, copied from the Renja.",
    ),
    _case(
        "SKN202",
        ref(_RKPD, f"{DINSOS}/1.06.04.2.01.0003"),
        "Indikator tanpa satuan, tersalin dari Renja.",
        "The indicator without satuan, copied from the Renja.",
    ),
    _case(
        "SKN203",
        ref(_RKPD, f"{PUPR}/1.03.03.2.01.0029"),
        "Indikator tanpa target, tersalin dari Renja.",
        "The indicator without target, copied from the Renja.",
    ),
    _case(
        "SKN205",
        ref(_RKPD, f"{DINKES}/1.02.01.2.01.0001"),
        "Target 'Meningkat', tersalin dari Renja.",
        "The 'Meningkat' target, copied from the Renja.",
    ),
    _case(
        "SKN302",
        ref(IDS["renja_dinkes"], f"{DINKES}/1.02.01.2.01.0001"),
        "Target Renja 'Meningkat' tidak sama dengan target Renstra (5 dokumen).",
        "The Renja target 'Meningkat' differs from the Renstra target (5 documents).",
    ),
    _case(
        "SKN405",
        "PD62.05",
        "Prioritas provinsi yang tidak didukung siapa pun juga tidak didukung kabupaten/kota.",
        "The provincial priority nobody supports is not supported by any kab/kota either.",
    ),
    _case(
        "SKN405",
        "PD62.06",
        "Program prioritas gubernur yang baru ada di RPJMD belum didukung kabupaten/kota.",
        "The governor's priority program, so far only in the RPJMD, is not supported by the kab/kota either.",
    ),
)


@attrs.frozen(kw_only=True)
class UntaggedItem:
    """A sub kegiatan left untagged on purpose, and the priority a link suggestion should propose."""

    subject: str
    priority: str


#: Sub kegiatan deliberately left without TAGGED/SUPPORTS links (for link suggestions).
UNTAGGED: tuple[UntaggedItem, ...] = (
    UntaggedItem(subject=ref(_PKY, "palangkaraya.dinkes/1.02.02.2.02.0004"), priority="KP04.02.01"),
    UntaggedItem(subject=ref(_PKY, "palangkaraya.pupr/1.03.06.2.01.0019"), priority="PD62.02"),
    UntaggedItem(subject=ref(_KOTIM, "kotim.dinkes/1.02.02.2.02.0015"), priority="KP04.02.01"),
    UntaggedItem(subject=ref(_KOTIM, "kotim.dinkes/1.02.02.2.02.0004"), priority="KP04.02.01"),
    UntaggedItem(subject=ref(_KOTIM, "kotim.pupr/1.03.10.2.01.0034"), priority="PP03.01"),
    UntaggedItem(subject=ref(_KOTIM, "kotim.dinsos/1.06.05.2.02.0003"), priority="PN06"),
    UntaggedItem(subject=ref(_KOTIM, "kotim.dinsos/1.06.04.2.01.0001"), priority="PP06.01"),
)
