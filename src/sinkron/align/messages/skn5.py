"""Messages of rule family 5, meeting follow-up (see :mod:`sinkron.align.messages`).

{meeting} is a meeting's title, {agreement} an agreement's id, {code} the agreed sub kegiatan's code and {plan}
the title of the Renja PD / RKPD the agreement is followed in.
"""

from __future__ import annotations

from sinkron.models.findings import Message

MESSAGES: dict[str, Message] = {
    "skn501.absent": Message(
        id="Kesepakatan {agreement} ({at}): sub kegiatan {what} (perangkat daerah: {agency}) untuk tahun {year} "
        "tidak tercantum dalam {plan}.",
        en="Agreement {agreement} ({at}): sub kegiatan {what} (perangkat daerah: {agency}) for {year} is not in "
        "{plan}.",
    ),
    "skn501.absent.fix": Message(
        id="Masukkan sub kegiatan {code} ke {plan} sesuai kesepakatan, atau catat alasan pembatalannya dalam berita "
        "acara / tindak lanjut rapat.",
        en="Add sub kegiatan {code} to {plan} as agreed, or record why it was dropped in the minutes / follow-up of "
        "the meeting.",
    ),
    "skn502.target": Message(
        id="Sub kegiatan {code} di {plan}: targetnya {found}, padahal disepakati {agreed} dalam {meeting} "
        "(kesepakatan {agreement}); selisih melebihi toleransi {tolerance:%}.",
        en="Sub kegiatan {code} in {plan}: its target is {found}, while {agreed} was agreed at {meeting} "
        "(agreement {agreement}); beyond the {tolerance:%} tolerance.",
    ),
    "skn502.no-target": Message(
        id="Sub kegiatan {code} di {plan}: tidak ada target untuk {year}, padahal disepakati {agreed} dalam "
        "{meeting} (kesepakatan {agreement}); selisih melebihi toleransi {tolerance:%}.",
        en="Sub kegiatan {code} in {plan}: it has no target for {year}, while {agreed} was agreed at {meeting} "
        "(agreement {agreement}); beyond the {tolerance:%} tolerance.",
    ),
    "skn502.target.fix": Message(
        id="Samakan target di {plan} dengan kesepakatan ({agreed}), atau catat perubahan kesepakatan dalam tindak "
        "lanjut rapat.",
        en="Bring the target in {plan} in line with the agreement ({agreed}), or record the changed agreement in "
        "the meeting's follow-up.",
    ),
    "skn503.pagu": Message(
        id="Sub kegiatan {code} di {plan}: pagunya {ours:rp}, {direction} {difference:rp} ({relative:%}) dari pagu "
        "yang disepakati {agreed:rp} dalam {meeting} (kesepakatan {agreement}), di atas toleransi {tolerance:%}.",
        en="Sub kegiatan {code} in {plan}: its pagu is {ours:rp}, {difference:rp} ({relative:%}) {direction} than "
        "the {agreed:rp} agreed at {meeting} (agreement {agreement}), beyond the {tolerance:%} tolerance.",
    ),
    "skn503.pagu.none-agreed": Message(
        id="Sub kegiatan {code} di {plan}: pagunya {ours:rp}, {direction} {difference:rp} dari pagu yang disepakati "
        "{agreed:rp} dalam {meeting} (kesepakatan {agreement}), di atas toleransi {tolerance:%}.",
        en="Sub kegiatan {code} in {plan}: its pagu is {ours:rp}, {difference:rp} {direction} than the {agreed:rp} "
        "agreed at {meeting} (agreement {agreement}), beyond the {tolerance:%} tolerance.",
    ),
    "skn503.higher": Message(
        id="lebih tinggi",
        en="higher",
    ),
    "skn503.lower": Message(
        id="lebih rendah",
        en="lower",
    ),
    "skn503.no-pagu": Message(
        id="Sub kegiatan {code} di {plan}: tidak ada pagu untuk {year}, padahal disepakati {agreed:rp} dalam "
        "{meeting} (kesepakatan {agreement}).",
        en="Sub kegiatan {code} in {plan}: it has no pagu for {year}, while {agreed:rp} was agreed at {meeting} "
        "(agreement {agreement}).",
    ),
    "skn503.pagu.fix": Message(
        id="Sesuaikan pagu di {plan} dengan kesepakatan ({agreed:rp}), atau catat perubahan kesepakatan dalam "
        "tindak lanjut rapat.",
        en="Bring the pagu in {plan} in line with the agreement ({agreed:rp}), or record the changed agreement in "
        "the meeting's follow-up.",
    ),
    "skn504.overdue": Message(
        id="Tindak lanjut {action} “{description}” ({owner}) dari {meeting} berbatas waktu {due}, sudah lewat "
        "{days} hari per {today}, dan berstatus “{status}”.",
        en="Action {action} “{description}” ({owner}) from {meeting} was due {due}, {days} days before {today}, and "
        "is still “{status}”.",
    ),
    "skn504.overdue.fix": Message(
        id="Selesaikan tindak lanjut ini atau tetapkan batas waktu baru bersama {owner}, lalu perbarui statusnya.",
        en="Complete the action or agree a new due date with {owner}, then update its status.",
    ),
    "skn505.unsupported": Message(
        id="Sasaran “{outcome}” dibahas di {desk} ({meeting}) tetapi tidak satu pun dari {count} kesepakatan desk "
        "ini menyebut sub kegiatan pendukungnya.",
        en="The outcome “{outcome}” was discussed at {desk} ({meeting}) but none of the desk's {count} agreements "
        "names a sub kegiatan supporting it.",
    ),
    "skn505.unsupported.fix": Message(
        id="Sepakati sub kegiatan perangkat daerah yang mendukung sasaran ini (kode, target, pagu), atau catat "
        "mengapa sasaran ini tidak didukung tahun ini.",
        en="Agree the perangkat daerah sub kegiatan that supports this outcome (code, target, pagu), or record why "
        "it is not supported this year.",
    ),
    "skn506.no-program": Message(
        id="Usulan {proposal} “{title}” ({government}) kepada {ministry}: tidak satu pun dari {count} program "
        "{programs_of} yang dimuat mengampu bidang urusan {sector}.",
        en="Proposal {proposal} “{title}” ({government}) to {ministry}: none of the {count} loaded program(s) of "
        "{programs_of} serves bidang urusan {sector}.",
    ),
    "skn506.no-program.fix": Message(
        id="Arahkan usulan ke K/L yang programnya mengampu bidang urusan ini, atau lengkapi crosswalk program K/L ↔ "
        "bidang urusan bila program yang sesuai memang ada.",
        en="Address the proposal to the K/L whose program serves this bidang urusan, or complete the K/L program ↔ "
        "bidang urusan crosswalk if a fitting program does exist.",
    ),
}
