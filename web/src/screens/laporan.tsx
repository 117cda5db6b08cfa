import { ComingSoon } from './coming-soon';

/** Laporan: built in the console's next step. */
export default function Laporan() {
  return <ComingSoon titleKey="screens.laporan.title" aboutKey="screens.laporan.about" />;
}
