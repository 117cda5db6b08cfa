/** Words of the Persetujuan (approvals) screen. */
export const id = {
  approvals: {
    intro:
      'Semua konten yang menunggu keputusan, menurut penyetuju, yang tenggatnya paling dekat lebih dulu. Jam dalam WIB.',
    loading: 'Memuat persetujuan…',
    loadFailed: 'Daftar persetujuan tidak dapat dimuat. {{reason}}',
    empty: 'Tidak ada konten yang menunggu keputusan.',
    count_one: '{{count}} konten menunggu',
    count_other: '{{count}} konten menunggu',
    deadline: 'Batas {{when}}',
    pastDeadline: 'lewat batas',
    emailSent: 'Email dikirim {{when}}',
    reminders_one: 'Sudah diingatkan {{count}} kali',
    reminders_other: 'Sudah diingatkan {{count}} kali',
    remind: 'Kirim pengingat',
    remindLabel: 'Kirim pengingat ke {{who}} untuk “{{title}}”',
    reminding: 'Mengirim…',
    reminded: 'Pengingat terkirim {{when}}.',
    remindRefused:
      'Pengingat tidak dikirim: persetujuan ini sudah tidak menunggu atau sudah kedaluwarsa. Muat ulang daftar.',
    remindFailed: 'Pengingat belum terkirim. {{reason}}',
    reload: 'Muat ulang daftar',
  },
};

export const en: typeof id = {
  approvals: {
    intro: 'Everything waiting for a decision, by approver, closest deadline first. Times in WIB.',
    loading: 'Loading approvals…',
    loadFailed: 'The approvals could not be loaded. {{reason}}',
    empty: 'Nothing is waiting for a decision.',
    count_one: '{{count}} item waiting',
    count_other: '{{count}} items waiting',
    deadline: 'Deadline {{when}}',
    pastDeadline: 'past the deadline',
    emailSent: 'Email sent {{when}}',
    reminders_one: 'Reminded once',
    reminders_other: 'Reminded {{count}} times',
    remind: 'Send reminder',
    remindLabel: 'Send a reminder to {{who}} about “{{title}}”',
    reminding: 'Sending…',
    reminded: 'Reminder sent {{when}}.',
    remindRefused: 'No reminder sent: this approval is no longer waiting or has expired. Reload the list.',
    remindFailed: 'The reminder was not sent. {{reason}}',
    reload: 'Reload the list',
  },
};
