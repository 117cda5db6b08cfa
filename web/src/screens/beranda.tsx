import { ComingSoon } from './coming-soon';

/** Beranda: built in the console's next step. */
export default function Beranda() {
  return <ComingSoon titleKey="screens.beranda.title" aboutKey="screens.beranda.about" />;
}
