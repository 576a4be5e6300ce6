"""Messages of rule family 6, monitoring and evaluation (see :mod:`sinkron.align.messages`).

Percentages here are already in percent (``75`` is 75 %), written with one decimal place: ``{x:num.1}%``.
{direction} is the indicator's polarity (skn6.direction.*).
"""

from __future__ import annotations

from sinkron.models.findings import Message

MESSAGES: dict[str, Message] = {
    "skn6.direction.higher": Message(
        id="semakin tinggi semakin baik",
        en="higher is better",
    ),
    "skn6.direction.lower": Message(
        id="semakin rendah semakin baik",
        en="lower is better",
    ),
    "skn601.low": Message(
        id="Capaian indikator «{indicator}» tahun {year} hanya {achievement:num.1}%: realisasi {realisation:value} "
        "terhadap target {target:value} ({direction}), di bawah ambang {threshold:num.1}%.",
        en="Achievement of indicator “{indicator}” in {year} is only {achievement:num.1}%: realisation "
        "{realisation:value} against a target of {target:value} ({direction}), below the {threshold:num.1}% "
        "threshold.",
    ),
    "skn601.low.fix": Message(
        id="Telusuri faktor penghambat capaian dan catat tindak lanjutnya dalam evaluasi Renja/RKPD; bila target "
        "ternyata tidak realistis, sesuaikan target tahun berikutnya melalui perubahan dokumen.",
        en="Find what held the indicator back and record the follow-up in the Renja/RKPD evaluation; if the target "
        "proves unrealistic, adjust the next year's target through the plan amendment.",
    ),
    "skn602.low": Message(
        id="Serapan anggaran tahun {year} baru {absorption:num.1}%: realisasi {spent:rp} dari pagu {pagu:rp}, di "
        "bawah batas {minimum:num.1}%.",
        en="Budget absorption in {year} is only {absorption:num.1}%: {spent:rp} spent of a pagu of {pagu:rp}, below "
        "the {minimum:num.1}% minimum.",
    ),
    "skn602.low.fix": Message(
        id="Telusuri penyebab rendahnya serapan (pengadaan terlambat, kegiatan tertunda, sisa tender); percepat "
        "pelaksanaan atau geser/sesuaikan pagu pada perubahan APBD.",
        en="Find out why absorption is low (late procurement, postponed work, tender savings); speed up delivery or "
        "shift/adjust the pagu in the budget amendment (APBD perubahan).",
    ),
    "skn603.q4": Message(
        id="{share:num.1}% realisasi anggaran tahun {year} terjadi di triwulan IV ({q4:rp} dari {total:rp}), "
        "melebihi batas {maximum:num.1}%.",
        en="{share:num.1}% of the {year} spending fell in Q4 ({q4:rp} of {total:rp}), above the {maximum:num.1}% "
        "limit.",
    ),
    "skn603.q4.agency": Message(
        id="{share:num.1}% realisasi anggaran {agency} tahun {year} terjadi di triwulan IV ({q4:rp} dari "
        "{total:rp}), melebihi batas {maximum:num.1}%.",
        en="{share:num.1}% of the {year} spending {agency} fell in Q4 ({q4:rp} of {total:rp}), above the "
        "{maximum:num.1}% limit.",
    ),
    "skn603.agency": Message(
        id="{name}",
        en="of {name}",
    ),
    "skn603.agency.unnamed": Message(
        id="perangkat daerah {name}",
        en="of agency {name}",
    ),
    "skn603.q4.fix": Message(
        id="Susun anggaran kas dan jadwal pengadaan yang lebih merata sepanjang tahun; mulai tender lebih awal "
        "(tender dini) agar realisasi tidak menumpuk di triwulan IV.",
        en="Plan the cash budget (anggaran kas) and the procurement schedule evenly over the year; start tenders "
        "early so that spending does not pile up in Q4.",
    ),
    "skn604.worsened": Message(
        id="Indikator «{indicator}» memburuk: realisasi {latest_year} {latest:value} dibanding {reference} "
        "{reference_value:value} ({direction}).",
        en="Indicator “{indicator}” worsened: the {latest_year} realisation is {latest:value} against {reference} of "
        "{reference_value:value} ({direction}).",
    ),
    "skn604.previous": Message(
        id="realisasi {year}",
        en="the {year} realisation",
    ),
    "skn604.baseline": Message(
        id="kondisi awal ({year})",
        en="the baseline ({year})",
    ),
    "skn604.baseline.undated": Message(
        id="kondisi awal",
        en="the baseline",
    ),
    "skn604.worsened.fix": Message(
        id="Kaji penyebab memburuknya kinerja dalam evaluasi dan rumuskan langkah perbaikan (program, lokasi "
        "sasaran, pagu) pada Renja/RKPD tahun berikutnya.",
        en="Analyse why the indicator worsened in the evaluation and set out corrective steps (programmes, target "
        "locations, pagu) in the next year's Renja/RKPD.",
    ),
    "skn605.ranking": Message(
        id="Peringkat {count} kabupaten/kota di {where} menurut perbaikan «{indicator}» ({direction}): {best_label} "
        "{best}, {worst_label} {worst}. Urutan lengkap: {order}.",
        en="{count} kabupaten/kota in {where} ranked by improvement on “{indicator}” ({direction}): {best_label} "
        "{best}, {worst_label} {worst}. Full ranking: {order}.",
    ),
    "skn605.best.lower": Message(id="penurunan terbesar", en="largest decline"),
    "skn605.worst.lower": Message(id="penurunan terkecil", en="smallest decline"),
    "skn605.best.higher": Message(id="kenaikan terbesar", en="largest rise"),
    "skn605.worst.higher": Message(id="kenaikan terkecil", en="smallest rise"),
    "skn605.place": Message(id="{rank}. {region}", en="{rank}. {region}"),
    "skn605.points": Message(id="poin persen", en="percentage points"),
    "skn605.no-province": Message(
        id="kabupaten/kota tanpa provinsi",
        en="kabupaten/kota tanpa provinsi",
    ),
    "skn605.region": Message(
        id="{name} {change:+num} {unit:change-unit}",
        en="{name} {change:+num} {unit:change-unit}",
    ),
    "skn605.region.no-unit": Message(
        id="{name} {change:+num}",
        en="{name} {change:+num}",
    ),
    "skn605.ranking.fix": Message(
        id="Bahas peringkat ini dalam Rakor evaluasi: pelajari praktik kabupaten/kota dengan perbaikan terbesar dan "
        "arahkan pendampingan ke yang tertinggal.",
        en="Discuss the ranking at the evaluation Rakor: learn from the kabupaten/kota that improved most and direct "
        "support to those lagging behind.",
    ),
    "skn606.behind": Message(
        id="Per {as_of} (akhir triwulan {quarter} {year}) realisasi {spent:rp} ({spent_percent:num.1}% pagu) tertinggal "
        "{gap:rp} dari anggaran kas {planned:rp} ({planned_percent:num.1}%): selisih {gap_points:num.1} poin persen, "
        "di atas batas {maximum:num.1} poin.",
        en="As of {as_of} (end of quarter {quarter} {year}) spending of {spent:rp} ({spent_percent:num.1}% of the pagu) is "
        "{gap:rp} behind the anggaran kas of {planned:rp} ({planned_percent:num.1}%): {gap_points:num.1} percentage "
        "points, above the {maximum:num.1}-point limit.",
    ),
    "skn606.behind.agency": Message(
        id="Per {as_of} (akhir triwulan {quarter} {year}) realisasi {agency} {spent:rp} ({spent_percent:num.1}% "
        "pagu) tertinggal {gap:rp} dari anggaran kas {planned:rp} ({planned_percent:num.1}%): selisih "
        "{gap_points:num.1} poin persen, di atas batas {maximum:num.1} poin.",
        en="As of {as_of} (end of quarter {quarter} {year}) spending of {agency}, {spent:rp} ({spent_percent:num.1}% of the "
        "pagu), is {gap:rp} behind its anggaran kas of {planned:rp} ({planned_percent:num.1}%): "
        "{gap_points:num.1} percentage points, above the {maximum:num.1}-point limit.",
    ),
    "skn606.behind.fix": Message(
        id="Telusuri penyebab keterlambatan (pengadaan, kontrak, SPP/SPM yang belum diajukan) dan percepat "
        "pelaksanaan pada triwulan berikutnya; bila jadwal berubah, perbarui anggaran kas.",
        en="Find out what is late (procurement, contracts, payment requests not yet filed) and speed up delivery "
        "in the next quarter; if the schedule changed, update the anggaran kas.",
    ),
    "skn607.projected": Message(
        id="Per {as_of} (akhir triwulan {quarter} {year}) {agency} diproyeksikan merealisasikan {share:num.1}% "
        "anggaran kas setahun di triwulan IV ({projected_q4:rp} dari {planned_year:rp}: rencana triwulan IV "
        "{planned_q4:rp} ditambah ketertinggalan {behind:rp}), melebihi batas {maximum:num.1}%.",
        en="As of {as_of} (end of quarter {quarter} {year}) {agency} is heading to spend {share:num.1}% of its yearly "
        "anggaran kas in Q4 ({projected_q4:rp} of {planned_year:rp}: the Q4 plan of {planned_q4:rp} plus "
        "{behind:rp} behind so far), above the {maximum:num.1}% limit.",
    ),
    "skn607.projected.fix": Message(
        id="Kejar ketertinggalan pada triwulan berjalan dan mulai pengadaan sisa paket sekarang; tinjau anggaran "
        "kas agar penarikan dana tidak menumpuk di akhir tahun.",
        en="Catch up in the current quarter and start procuring the remaining packages now; review the anggaran "
        "kas so that spending does not pile up at year end.",
    ),
}
