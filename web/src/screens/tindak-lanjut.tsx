import { ComingSoon } from './coming-soon';

/** TindakLanjut: built in the console's next step. */
export default function TindakLanjut() {
  return <ComingSoon titleKey="screens.tindakLanjut.title" aboutKey="screens.tindakLanjut.about" />;
}
