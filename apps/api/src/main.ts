import { Injectable } from '@nestjs/common';
import { hello } from '@app/domain';
@Injectable()
export class X {}
console.log(hello());
