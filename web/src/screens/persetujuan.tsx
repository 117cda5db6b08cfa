import { ComingSoon } from './coming-soon';

/** Persetujuan: built in the console's next step. */
export default function Persetujuan() {
  return <ComingSoon titleKey="screens.persetujuan.title" aboutKey="screens.persetujuan.about" />;
}
