/** A JSON answer already written as text, sent as is (for bodies too big to build as objects on every call). */
export class JsonText {
  readonly text: string;
  constructor(text: string) {
    this.text = text;
  }
}
