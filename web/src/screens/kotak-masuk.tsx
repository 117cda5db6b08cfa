import { ComingSoon } from './coming-soon';

/** KotakMasuk: built in the console's next step. */
export default function KotakMasuk() {
  return <ComingSoon titleKey="screens.kotakMasuk.title" aboutKey="screens.kotakMasuk.about" />;
}
